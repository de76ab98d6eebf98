// Reference steps on the cpu backend: is `fast` or `native` better there? (resolveConvImpl)
import { startNodeBackend } from '../node/backend';
import { benchReferenceSteps } from './bench-conv';

async function main() {
  await startNodeBackend('cpu');
  for (const impl of ['fast', 'native'] as const) {
    const r = await benchReferenceSteps(impl, 5);
    console.log(`cpu ${impl}: A ${r.configA.toFixed(1)} ms, B ${r.configB.toFixed(1)} ms`);
  }
}
void main();
