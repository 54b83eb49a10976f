// A thread of the claim-board race test: walks the items in order, records those it claims.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { ClaimBoard } = await import('../../src/node/ingest/claims.ts');
const board = new ClaimBoard(workerData.cells);
const go = workerData.go;
parentPort.postMessage('ready');
Atomics.wait(go, 0, 0);
const got = [];
for (let seq = 0; seq < workerData.total; seq++) if (board.claim(seq)) got.push(seq);
parentPort.postMessage(got);
