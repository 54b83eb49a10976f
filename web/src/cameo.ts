/** CAMEO event roots (two-digit codes) and their quad classes, for labels and colours. */
export const CAMEO_ROOTS: Record<string, string> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Diplomatic cooperation',
  '06': 'Material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Unconventional mass violence',
};

export type Quad = 'verbal cooperation' | 'material cooperation' | 'verbal conflict' | 'material conflict';

export function quadOf(code: string): Quad {
  const r = Number(code.slice(0, 2));
  if (r <= 5) return 'verbal cooperation';
  if (r <= 8) return 'material cooperation';
  if (r <= 14) return 'verbal conflict';
  return 'material conflict';
}

export const QUAD_COLORS: Record<Quad, string> = {
  'verbal cooperation': '#2a9d8f',
  'material cooperation': '#1d6fa5',
  'verbal conflict': '#e9a03b',
  'material conflict': '#c8553d',
};

export function rootLabel(code: string): string {
  const root = code.slice(0, 2);
  return CAMEO_ROOTS[root] ? `${root} ${CAMEO_ROOTS[root]}` : code;
}

export const TYPE_COLORS: Record<string, string> = {
  PERSON: '#3a6ea5',
  ORG: '#8e5ea2',
  GPE: '#2a9d8f',
  LOC: '#6a994e',
  NORP: '#bc6c25',
  FAC: '#7f5539',
  EVENT: '#d62828',
  MISC: '#6c757d',
};
