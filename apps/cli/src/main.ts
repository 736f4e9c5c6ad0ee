import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  auditVerify,
  databaseBackup,
  databaseRestore,
  type DatabaseOptions,
  type KeyOptions,
} from './commands/database-commands.ts';
import { demo } from './commands/demo.ts';
import { dxaAssess, type DxaAssessOptions } from './commands/dxa-assess.ts';
import { dxaPrecision } from './commands/dxa-precision.ts';
import { report } from './commands/report.ts';
import { registerQctCommands } from './commands/qct/register-qct-commands.ts';
import { registerCtCommands } from './commands/ct/register-ct-commands.ts';
import { registerPerfusionCommands } from './commands/perfusion/register-perfusion-commands.ts';
import { VolumeReadError } from '@quantrad/imaging';
import { REPORT_FORMATS, type ReportFormat } from '@quantrad/reporting';
import { totpCode } from '@quantrad/service';
import { processIo, type CliIo } from './io/cli-io.ts';
import { InputError } from './io/input-error.ts';

/** Exit statuses: 0 done, 1 internal failure, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

function formatOption(): Option {
  return new Option('-f, --format <format>', 'output format').choices(['json', 'text']).default('json');
}

function buildProgram(io: CliIo): Command {
  const program = new Command('quantrad')
    .description('quantrad: bone densitometry and quantitative CT engines')
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => {
        write(`quantrad: ${text.replace(/^error: /, '')}`);
      },
    })
    .showSuggestionAfterError();

  program
    .command('demo')
    .description('assess the bundled demo exam and print a readable summary (npm start)')
    .action(async () => {
      await demo(io);
    });

  const dxa = program.command('dxa').description('DXA bone density: assessment and precision').exitOverride();
  dxa
    .command('assess')
    .description(
      'assess a DXA exam (scores, ISCD site rules, WHO/Z-score classification, serial change, NOGG fracture risk, flags, follow-up)',
    )
    .argument('<exam>', 'exam JSON file')
    .addOption(formatOption())
    .option(
      '--nogg-thresholds <file>',
      'NOGG threshold table JSON to use in place of the shipped provisional table',
    )
    .addHelpText(
      'after',
      '\nExample:\n  quantrad dxa assess examples/dxa/postmenopausal-woman-follow-up.json --format text\n',
    )
    .addOption(
      new Option('--report <format>', 'write the report instead of the assessment (needs --context)').choices(
        REPORT_FORMATS,
      ),
    )
    .option(
      '--context <file>',
      'report context JSON without "assessment": patient, referral, service, reporter',
    )
    .option('-o, --out <file>', 'with --report: write the report to FILE')
    .action(async (examPath: string, options: DxaAssessOptions) => {
      await dxaAssess(examPath, options, io);
    });
  dxa
    .command('precision')
    .description('precision study (ISCD: 15 x 3 or 30 x 2): RMS-SD, %CV and LSC per scanner and site')
    .argument('<study>', 'CSV with columns patient, scan, site, bmd (optional: scanner)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nExample:\n  quantrad dxa precision examples/dxa/precision-study.csv --format text\n',
    )
    .action(async (csvPath: string, options: { format: 'json' | 'text' }) => {
      await dxaPrecision(csvPath, options, io);
    });
  registerCtCommands(program, io);
  registerQctCommands(program, io);
  registerPerfusionCommands(program, io);
  program
    .command('report')
    .description(
      'write a report (DXA "Fracture risk and bone density assessment", QCT or CT perfusion) as text, HTML, PDF or FHIR R4',
    )
    .argument(
      '<context>',
      'CONTEXT.json: { assessment | qct | perfusion, patient, referral, service, reporter }',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --out <file>', 'write to FILE (needed for pdf)')
    .option('--large-print', 'HTML and PDF in large print (18 point)')
    .addHelpText(
      'after',
      '\nExample:\n  quantrad report examples/reports/dxa-report-context.json --format text\n',
    )
    .action(
      async (contextPath: string, options: { format: ReportFormat; out?: string; largePrint?: boolean }) => {
        await report(contextPath, options, io);
      },
    );
  const db = program
    .command('db')
    .description('the service database: backup and restore (ROS 4.15)')
    .exitOverride();
  const dataOption = (): Option =>
    new Option(
      '--data <dir>',
      'embedded database folder (default QUANTRAD_DATA or ./data; DATABASE_URL wins)',
    );
  db.command('backup')
    .description('write an encrypted, verified backup of the whole database to FILE')
    .argument('<file>', 'backup file to write')
    .addOption(dataOption())
    .option('--key-file <file>', 'file holding the passphrase (else QUANTRAD_BACKUP_KEY)')
    .action(async (file: string, options: DatabaseOptions & KeyOptions) => {
      await databaseBackup(file, options, io);
    });
  db.command('restore')
    .description('restore a backup into an empty database, checking every row and the audit trail')
    .argument('<file>', 'backup file written by quantrad db backup')
    .addOption(dataOption())
    .option('--key-file <file>', 'file holding the passphrase (else QUANTRAD_BACKUP_KEY)')
    .action(async (file: string, options: DatabaseOptions & KeyOptions) => {
      await databaseRestore(file, options, io);
    });
  program
    .command('audit')
    .description('the audit trail')
    .command('verify')
    .description('check the hash chain: any edited, inserted or deleted event is reported')
    .addOption(dataOption())
    .action(async (options: DatabaseOptions) => {
      await auditVerify(options, io);
    });
  program
    .command('totp')
    .description('the current sign-in code for an authenticator secret (for the demo users npm start prints)')
    .argument('<secret>', 'base32 TOTP secret')
    .action((secret: string) => {
      if (!/^[A-Z2-7]+=*$/i.test(secret))
        throw new InputError('secret: must be base32 (letters A-Z and digits 2-7)');
      io.out(`${totpCode(secret.toUpperCase(), new Date())}\n`);
    });
  return program;
}

/** Run the CLI with arguments (without "node quantrad"); returns the exit status. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpShown =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version';
      return helpShown ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (
      error instanceof InputError ||
      error instanceof InvalidArgumentError ||
      error instanceof VolumeReadError
    ) {
      io.err(`quantrad: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(`quantrad: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env['QUANTRAD_DEBUG'] && error instanceof Error) io.err(`${error.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
