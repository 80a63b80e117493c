// Runs the real `footprints` command as an analyst's script does: a child process, its stdin, stdout, stderr and
// exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRows } from '../../engine/io/csvRows.ts';

export const BIN = fileURLToPath(new URL('../../bin/footprints.mjs', import.meta.url));

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function footprints(args: string[], opts: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'footprints-cli-'));

/** CSV text as objects keyed by the header. */
export const csvObjects = (text: string): Record<string, string>[] => {
  const [header, ...rows] = parseCsvRows(text).map((r) => r.fields);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
};

/** The JSON objects printed on stderr, one per line. */
export const jsonErrors = (stderr: string): Record<string, unknown>[] =>
  stderr
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
