/** The texts of the server-side grids and the item picker (issue 15 point 5): [ro, en]. Spread into messages.ts. */
export const gridMessages = {
  'grid.details': ['Detalii', 'Details'],
  'grid.layers': ['Straturile rândului {item}', 'Layers of row {item}'],
  'picker.label': ['Articol', 'Item'],
  'picker.hint': ['Scrieți codul sau o parte din cod sau descriere', 'Type the code, or part of the code or description'],
  'picker.suggestions': ['Sugestii: {label}', 'Suggestions: {label}'],
  'picker.none': ['Niciun articol găsit.', 'No item found.'],
  'picker.more': ['Primele {shown} din {total}; scrieți mai mult.', 'First {shown} of {total}; type more.'],
  'rec.linesGrid': ['Rândurile înregistrării', 'Record lines'],
} as const satisfies Record<string, readonly [string, string]>;
