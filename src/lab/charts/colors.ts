// Colour-blind-safe colours (Okabe–Ito): one per run in compare mode, one per term otherwise.
export const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
export const TERM_COLORS: Record<string, string> = { ce: '#222222', kd: '#0072B2', fitnet: '#D55E00', at: '#009E73', meta: '#CC79A7', total: '#666666' };
export const TERM_DASH: Record<string, string | undefined> = { ce: undefined, kd: '8 4', fitnet: '3 3', at: '12 4 3 4', meta: '2 5', total: '1 3' };
export const CLASS_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
export const runColor = (i: number) => RUN_COLORS[i % RUN_COLORS.length];
