import type { Migration } from './types';

/** Country groupings imported by the user (World Bank income groups and regions), with their year. */
export const countryGroupsMigration: Migration = {
  id: '0007-country-groups',
  sql: `
    CREATE TABLE country_groups (
      country TEXT PRIMARY KEY,
      income_group TEXT,
      region TEXT,
      classification TEXT NOT NULL,
      edited INTEGER NOT NULL DEFAULT 0
    );
  `,
};
