// The unit tests' order: the few long ones (thousands of training steps) start first, so that
// they run beside the many short ones on the second core instead of after them. Without a
// duration cache (a clean checkout) vitest would start the largest files first, and a short file
// holding a long run would start last and stretch CI by its whole length.
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import viteConfig from './vite.config';

const LONG_FIRST = ['weights-meaning.test', 'backends.test', 'learning.test', 'replay.test', 'meta-gradient.test', 'bn-stats.test'];
const rank = (s: TestSpecification) => {
  const i = LONG_FIRST.findIndex((n) => s.moduleId.includes(`/${n}.`));
  return i < 0 ? LONG_FIRST.length : i;
};

class LongFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
  }
}

export default mergeConfig(viteConfig, defineConfig({ test: { sequence: { sequencer: LongFirst } } }));
