// Whole processes, timed from spawn to exit. A row and its yardstick run interleaved
// (alternating which goes first), so background load hits both alike.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setInterval, clearInterval } from 'node:timers';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';

const TIME_BIN = '/usr/bin/time';
export const HAS_GNU_TIME =
  existsSync(TIME_BIN) &&
  spawnSync(TIME_BIN, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;

/**
 * One run. `rss: true` also measures the peak resident set of the process tree's largest
 * member: with GNU time when present (ru_maxrss), else by sampling VmHWM in /proc.
 */
export function runOnce(command, args, options = {}) {
  const { cwd, env = process.env, rss = false, before } = options;
  if (before) before();
  const rssFile =
    rss && HAS_GNU_TIME
      ? join(tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
      : null;
  const [bin, argv] = rssFile
    ? [TIME_BIN, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, args];
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    let child;
    try {
      child = spawn(bin, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      resolve({ ms: 0, code: -1, stderr: String(error.message) });
      return;
    }
    let stderr = '';
    let peakKiB = 0;
    child.stderr.setEncoding('utf8').on('data', (d) => {
      if (stderr.length < 8192) stderr += d;
    });
    let sampler = null;
    if (rss && !rssFile) {
      const sample = () => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
        } catch {
          /* the process has exited */
        }
      };
      sampler = setInterval(sample, 20);
    }
    let ms = 0;
    let code = null;
    child.on('error', (error) => {
      stderr += error.message;
    });
    child.on('exit', (c, signal) => {
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      code = c ?? (signal ? 128 : -1);
      if (sampler) clearInterval(sampler);
    });
    child.on('close', () => {
      if (rssFile) {
        try {
          const text = readFileSync(rssFile, 'utf8').trim().split('\n');
          peakKiB = Number(text[text.length - 1]) || 0;
          // GNU time prints "Command exited with non-zero status N" first; the status is ours.
        } catch {
          /* no figure */
        }
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, code, stderr, peakKiB: rss ? peakKiB : undefined });
    });
  });
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    if (sorted.length === 0) return null;
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  return {
    median: at(0.5),
    min: sorted[0] ?? null,
    max: sorted[sorted.length - 1] ?? null,
    p25: at(0.25),
    p75: at(0.75),
    runs: sorted.length,
  };
}

const NOT_IMPLEMENTED = /is not available yet/;

/** What a failed run says: its stderr's first meaningful line. */
export function firstLine(stderr) {
  const lines = stderr
    .split('\n')
    .map((l) => stripVTControlCharacters(l).trim())
    .filter((l) => l !== '' && !/^Command exited with non-zero status/.test(l));
  if (lines.length === 0) return '(no output)';
  // "unexpected error (a bug):" says little alone: add the line with the error.
  return lines[0].endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : lines[0];
}

/**
 * Runs `subject` and each yardstick `warmup` times unmeasured, then `runs` times each,
 * interleaved and rotating the order. A subject that is not implemented or fails stops at
 * once; a yardstick that fails is dropped and reported.
 * spec: { command, args (array or () => array), cwd, env, ok: [exit codes], rss, before }.
 */
export async function measureSet(subject, yardsticks, { runs, warmup, progress = () => {} }) {
  const specs = [subject, ...yardsticks];
  const times = specs.map(() => []);
  const peaks = specs.map(() => []);
  const failures = specs.map(() => null);
  const check = (r, spec) => {
    if (NOT_IMPLEMENTED.test(r.stderr) && r.code !== 0)
      return { outcome: 'not-implemented', message: firstLine(r.stderr) };
    if (!(spec.ok ?? [0]).includes(r.code))
      return { outcome: 'failed', message: `exit ${r.code}: ${firstLine(r.stderr)}` };
    return null;
  };
  const done = () => ({ times, peaks, failures });
  for (let i = 0; i < warmup + runs; i++) {
    progress(i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`);
    const order = specs.map((_, k) => (k + i) % specs.length);
    for (const k of order) {
      const spec = specs[k];
      if (failures[k]) continue;
      const args = typeof spec.args === 'function' ? spec.args(i) : spec.args;
      const r = await runOnce(spec.command, args, spec);
      const bad = check(r, spec);
      if (bad) {
        failures[k] = bad;
        if (k === 0) return done();
        continue;
      }
      if (i >= warmup) {
        times[k].push(r.ms);
        if (r.peakKiB) peaks[k].push(r.peakKiB);
      }
    }
  }
  return done();
}
