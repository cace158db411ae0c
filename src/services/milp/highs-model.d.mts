import type { Highs, ModelData } from 'highs';
import type { MilpSpec } from '../../core/milp.ts';

export function highsModelData(highs: Highs, spec: MilpSpec, relaxed?: boolean): ModelData;
