import { SingleBar, Presets } from 'cli-progress';
import { legacyDataPaths } from '../data-dir';
import { parseGenerateArgs, USAGE, UsageError } from './args';
import { generateLegacyData } from './generate-legacy-data';

/**
 * `npm run legacy:generate -- --size demo|city [--seed N] [--data-dir DIR]`.
 * The student DB goes to PostgreSQL when LEGACY_STUDENT_DB_URL is set (its
 * four legacy tables are replaced), else to PGlite in the data folder.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseGenerateArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const studentDbUrl = process.env.LEGACY_STUDENT_DB_URL || undefined;
  const paths = legacyDataPaths(args.dataDir);
  console.log(`generating ${args.size} data, seed ${args.seed}, into ${paths.legacyDir}` +
    ` (student DB: ${studentDbUrl ? 'PostgreSQL from LEGACY_STUDENT_DB_URL' : 'PGlite'})`);

  const bar = new SingleBar({ format: 'students {bar} {percentage}% | {value}/{total} | {duration}s' }, Presets.shades_classic);
  let barStarted = false;
  const manifest = await generateLegacyData({
    ...args,
    ...(studentDbUrl ? { studentDbUrl } : {}),
    onStudentProgress: (loaded, expected) => {
      if (!barStarted) {
        bar.start(expected, 0);
        barStarted = true;
      }
      bar.update(loaded);
    },
  }).finally(() => bar.stop());

  const { counts } = manifest;
  console.log([
    `XXJBXX ${counts.schools}  BJXX ${counts.classes}  XSJBXX ${counts.students}  XSJTCY ${counts.guardians}`,
    `teachers ${counts.teachers}  buildings ${counts.buildings} in ${counts.facilityFiles} district files`,
    `done in ${manifest.elapsedSeconds.toFixed(1)} s; manifest ${paths.manifestFile}`,
  ].join('\n'));
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
