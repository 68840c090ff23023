import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment variable that moves all app data elsewhere (tests, portable installs). */
export const HOME_ENV = 'VALUE_ATLAS_HOME';

export interface AppPaths {
  /** Root of everything the app writes. */
  home: string;
  database: string;
  /** Default folder for model files (GGUF pairs). */
  models: string;
  images: string;
  thumbnails: string;
  downloads: string;
  cache: string;
  exports: string;
  logs: string;
}

/** The OS convention for per-user application data, as Electron's `app.getPath('userData')` resolves it. */
export function defaultAppHome(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Value Atlas');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Value Atlas');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'value-atlas');
}

export function resolveAppPaths(home?: string, env = process.env): AppPaths {
  const root = resolve(home ?? env[HOME_ENV] ?? defaultAppHome(process.platform, env));
  return {
    home: root,
    database: join(root, 'value-atlas.sqlite'),
    models: join(root, 'models'),
    images: join(root, 'images'),
    thumbnails: join(root, 'cache', 'thumbnails'),
    downloads: join(root, 'downloads'),
    cache: join(root, 'cache'),
    exports: join(root, 'exports'),
    logs: join(root, 'logs'),
  };
}
