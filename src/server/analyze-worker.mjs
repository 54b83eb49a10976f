// Analysis worker thread entry: registers the TypeScript loader, then runs the worker loop.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker-main.ts');
