/** `npm start`: the demo page served by Vite, with the widget compiled from source. */
import { createServer } from 'vite';

const port = Number(process.env.DEMO_PORT ?? 5173);
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  appType: 'mpa',
  server: { port, strictPort: true, host: 'localhost' },
});
await server.listen();
console.log(`Demo: http://localhost:${port}/demo/`);
