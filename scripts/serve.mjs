// `npm start`: serves the browser demo (www/) and the built package (dist/).
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const path = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const port = Number(process.env.PORT ?? 8080);

const { url } = await startStaticServer({ mounts: { '/dist/': path('dist'), '/': path('www') }, port }).catch((error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.warn(`port ${port} is busy; using a free one (set PORT to choose)`);
  return startStaticServer({ mounts: { '/dist/': path('dist'), '/': path('www') } });
});
console.log(`twofa demo: ${url}/`);
