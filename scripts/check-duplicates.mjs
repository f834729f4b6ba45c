// npm run check:duplicates: the copy-paste detector (jscpd, settings in .jscpd.json: api/src, web/src and e2e,
// at least 60 tokens over 8 lines) fails on every duplicate that .jscpd-allowed.json does not list. Each
// allowed entry names the two files, the most lines the copy may span and why it stays; a longer copy between
// the same files, or any copy elsewhere, fails. Entries that no longer match are reported so they can go.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const output = mkdtempSync(join(tmpdir(), 'jscpd-'));
try {
  const jscpd = join(root, 'node_modules', '.bin', 'jscpd');
  const run = spawnSync(jscpd, ['--config', join(root, '.jscpd.json'), '--reporters', 'json', '--output', output, '--silent', '--no-tips'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`jscpd exited with ${run.status}`);
  }
  const report = JSON.parse(readFileSync(join(output, 'jscpd-report.json'), 'utf8'));
  const allowed = JSON.parse(readFileSync(join(root, '.jscpd-allowed.json'), 'utf8')).allowed;

  const file = (side) => relative(root, resolve(root, side.name));
  const samePair = (entry, a, b) => (entry.between[0] === a && entry.between[1] === b) || (entry.between[0] === b && entry.between[1] === a);
  const used = new Set();
  const fresh = [];
  for (const clone of report.duplicates) {
    const [a, b] = [file(clone.firstFile), file(clone.secondFile)];
    const entry = allowed.find((candidate) => samePair(candidate, a, b) && clone.lines <= candidate.maxLines);
    if (entry) used.add(entry);
    else fresh.push({ clone, a, b });
  }

  for (const entry of allowed.filter((candidate) => !used.has(candidate))) {
    console.log(`note: no copy between ${entry.between.join(' and ')} any more; its entry in .jscpd-allowed.json can go.`);
  }
  if (fresh.length === 0) {
    console.log(`check:duplicates: ${report.duplicates.length} copies found, each listed in .jscpd-allowed.json with its reason.`);
  } else {
    for (const { clone, a, b } of fresh) {
      console.error(
        `duplicate (${clone.lines} lines, ${clone.tokens} tokens): ${a}:${clone.firstFile.start}-${clone.firstFile.end} = ${b}:${clone.secondFile.start}-${clone.secondFile.end}`,
      );
      console.error(`${clone.fragment.split('\n').slice(0, 4).join('\n')}\n  …\n`);
    }
    console.error(
      `check:duplicates: ${fresh.length} duplicate(s) not in .jscpd-allowed.json: share the code, or list the copy there with the reason it stays.`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(output, { recursive: true, force: true });
}
