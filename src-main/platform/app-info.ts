import pkg from '../../package.json';

export const APP_NAME = 'Value Atlas';
export const APP_VERSION: string = pkg.version;
