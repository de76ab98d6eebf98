// The lab's own settings, beside the core's cold and hot ones.
import { choiceSetting, listSetting, numberSetting } from './define';
import { BACKEND_PREFS, METHODS } from './ids';

export const LAB = {
  compare: listSetting(METHODS, { item: 'method', empty: true, minItems: 2 }, {
    label: 'methods compared', short: 'compare', default: [],
    help: 'Methods trained side by side on identical batches (same seed, same data); empty for one run of the method.',
  }),
  backend: choiceSetting(BACKEND_PREFS, {
    label: 'backend', short: 'backend', default: 'auto',
    help: 'auto tries webgpu, webgl, wasm and cpu in that order and says why it chose one.',
  }),
  teacherSteps: numberSetting({
    min: 1, max: 100_000, integer: true, label: 'teacher steps', short: 'teacherSteps', default: 300,
    help: 'Steps of the teacher phase for an imported dataset (a teacher is trained before distilling).',
  }),
};
