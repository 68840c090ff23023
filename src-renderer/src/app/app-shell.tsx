import type { ReactNode } from 'react';

import { ROUTES } from './routes';
import type { Theme } from './theme';

interface AppShellProps {
  route: string;
  theme: Theme;
  onThemeChange: (theme: Theme) => void;
  children: ReactNode;
}

export function AppShell({ route, theme, onThemeChange, children }: AppShellProps) {
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◍
          </span>
          <span>Value Atlas</span>
        </div>
        <ul>
          {ROUTES.map((item) => (
            <li key={item.id}>
              <a
                href={`#/${item.id}`}
                aria-current={item.id === route ? 'page' : undefined}
                title={item.description}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="theme-toggle"
          onClick={() => onThemeChange(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
