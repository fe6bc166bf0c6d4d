// `npm pack` of the built package into .cache/, as users receive it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Packs the repository (already built) and returns the tarball's absolute path. */
export function packTarball() {
  const destination = join(root, '.cache');
  mkdirSync(destination, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  return join(destination, name);
}
