// The charts' lines draw recharts' own path, but keep the path element from the Line (which
// would measure it on every render).
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { LineDrawShape, type LineDrawShapeProps } from 'recharts';
import { describe, expect, it } from 'vitest';
import { seriesLines } from './series-lines';

describe('seriesLines', () => {
  const [line] = seriesLines([{ key: 'a', name: 'CE', color: '#123456', dash: '6 4', data: [{ x: 1, y: 2 }] }]);
  const shape = (line as ReactElement<{ shape: (p: LineDrawShapeProps) => ReactElement<LineDrawShapeProps> }>).props.shape;
  const pathRef = { current: null } as unknown as LineDrawShapeProps['pathRef'];
  const props = {
    points: [{ x: 0, y: 10, value: 2, payload: {} }, { x: 50, y: 30, value: 1, payload: {} }, { x: 100, y: 20, value: 3, payload: {} }],
    stroke: '#123456',
    strokeDasharray: '6 4',
    strokeWidth: 2,
    fill: 'none',
    className: 'recharts-line-curve',
    type: 'linear',
    pathRef,
  } as unknown as LineDrawShapeProps;

  it('draws the same path as recharts’ default line shape', () => {
    const ours = renderToStaticMarkup(shape(props));
    expect(ours).toBe(renderToStaticMarkup(<LineDrawShape {...props} />));
    expect(ours).toMatch(/<path[^>]* d="M0,10L50,30L100,20"/);
    expect(ours).toContain('stroke-dasharray="6 4"');
  });

  it('does not hand the Line its path element to measure', () => {
    expect(shape(props).props.pathRef).not.toBe(pathRef);
  });
});
