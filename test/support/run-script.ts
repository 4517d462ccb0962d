// Runs one of the repo's TypeScript entry points as a process of its own, as the npm scripts do.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../local/paths';

/** How a script ended and what it printed. */
export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `<repo>/<script> ...args` with `node --import tsx` to its end; `timeout` (ms) kills it if it hangs. */
export function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout?: number,
): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env,
      timeout,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
