import { coreMigration } from './0001-core';
import { modelsMigration } from './0002-models';
import { surveysMigration } from './0003-surveys';
import { imagesMigration } from './0004-images';
import { runsMigration } from './0005-runs';
import { generationMigration } from './0006-generation';
import { countryGroupsMigration } from './0007-country-groups';
import { modelPairsMigration } from './0008-model-pairs';
import { imageLibraryMigration } from './0009-image-library';
import { surveyExtrasMigration } from './0010-survey-extras';
import { safetyMigration } from './0011-safety';
import { attributionMigration } from './0012-attribution';
import type { Migration } from './types';

/** Every migration, applied in id order. Add new ones with a higher id; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  coreMigration,
  modelsMigration,
  surveysMigration,
  imagesMigration,
  runsMigration,
  generationMigration,
  countryGroupsMigration,
  modelPairsMigration,
  imageLibraryMigration,
  surveyExtrasMigration,
  safetyMigration,
  attributionMigration,
].sort((a, b) => a.id.localeCompare(b.id));
