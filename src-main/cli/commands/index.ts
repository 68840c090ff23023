import type { CliCommand } from '../command';
import { dataImportCommand, dataListCommand } from './data';
import { doctorCommand } from './doctor';
import { dollarStreetFetchCommand, dollarStreetImportCommand, dollarStreetListCommand } from './dollarstreet';
import { downloadCommand } from './download';
import { engineBuildCommand, engineConfigCommand, engineStatusCommand } from './engine';
import { imagesImportCommand, imagesListCommand } from './images';
import { compareCommand, reportCommand } from './report';
import {
  safetyFetchImagesCommand,
  safetyImportCommand,
  safetyReportCommand,
  safetyRunCommand,
} from './safety';
import { attributionImportCommand, attributionReportCommand, attributionRunCommand } from './attribution';
import { demoModelCommand, modelsListCommand } from './models';
import { runCommand } from './run';
import { runsListCommand, templateImportCommand } from './runs-list';
import { serveCommand } from './serve';

/** Every CLI command; sub-commands are listed by their full name ('data import'). */
export const COMMANDS: readonly CliCommand[] = [
  doctorCommand,
  serveCommand,
  runCommand,
  runsListCommand,
  templateImportCommand,
  modelsListCommand,
  demoModelCommand,
  dataImportCommand,
  dataListCommand,
  reportCommand,
  compareCommand,
  imagesImportCommand,
  imagesListCommand,
  downloadCommand,
  dollarStreetImportCommand,
  dollarStreetListCommand,
  dollarStreetFetchCommand,
  engineBuildCommand,
  engineStatusCommand,
  engineConfigCommand,
  safetyImportCommand,
  safetyFetchImagesCommand,
  safetyRunCommand,
  safetyReportCommand,
  attributionImportCommand,
  attributionRunCommand,
  attributionReportCommand,
];
