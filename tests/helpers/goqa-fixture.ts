const QUESTIONS = Array.from({ length: 12 }, (_, index) => ({
  question: `Survey question number ${index + 1}: how much do you agree that family and trust matter?`,
  options: ['Agree strongly', 'Agree', 'Disagree', "Don't know"],
}));

/** A GlobalOpinionQA-shaped CSV of 12 invented questions with answers for Nigeria, Japan and Brazil. */
export function syntheticGoqaCsv(): string {
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rows = QUESTIONS.map((q, index) => {
    const shares = (shift: number) => {
      const raw = [4 + ((index + shift) % 3), 3, 2 + (shift % 2), 1];
      const total = raw.reduce((a, b) => a + b, 0);
      return `[${raw.map((value) => (value / total).toFixed(6)).join(', ')}]`;
    };
    const selections = `defaultdict(<class 'list'>, {'Nigeria': ${shares(0)}, 'Japan': ${shares(1)}, 'Brazil': ${shares(2)}})`;
    return [q.question, selections, `[${q.options.map((o) => JSON.stringify(o)).join(', ')}]`, 'WVS']
      .map(cell)
      .join(',');
  });
  return ['question,selections,options,source', ...rows].join('\n');
}
