import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `tsx bench/deployment/profile-summary.ts <dir> [top]`: the frames with the
 * most self time in each .cpuprofile of a folder (the deployment bench writes
 * one per part with BENCH_CPU_PROFILE_DIR), idle and GC shown apart.
 */
interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: ReadonlyArray<ProfileNode>;
  readonly samples: ReadonlyArray<number>;
  readonly timeDeltas: ReadonlyArray<number>;
}

function frameName({ callFrame }: ProfileNode): string {
  const file = callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '').replace(process.cwd() + path.sep, '');
  return `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
}

export function topFrames(profile: CpuProfile, top: number): Array<{ frame: string; ms: number; share: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const name = frameName(byId.get(id)!);
    if (name.startsWith('(idle)')) return;
    total += micros;
    self.set(name, (self.get(name) ?? 0) + micros);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([frame, micros]) => ({ frame, ms: micros / 1000, share: micros / total }));
}

async function main(): Promise<void> {
  const [folder, topText] = process.argv.slice(2);
  if (!folder) throw new Error('usage: profile-summary.ts <folder of .cpuprofile files> [top]');
  const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.cpuprofile')).sort();
  for (const file of files) {
    const profile = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as CpuProfile;
    process.stdout.write(`\n## ${file}\n`);
    for (const { frame, ms, share } of topFrames(profile, Number(topText ?? 15))) {
      process.stdout.write(`${(share * 100).toFixed(1).padStart(5)}% ${ms.toFixed(0).padStart(7)} ms  ${frame}\n`);
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
