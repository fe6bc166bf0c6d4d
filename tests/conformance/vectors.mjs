// Loads the shared vectors from the repository (Node harnesses).
import { readFileSync } from 'node:fs';

const read = (name) => JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8'));
export const vectors = { rfc: read('rfc.json'), oathtool: read('oathtool-cases.json'), sealed: read('sealed.json') };
