/**
 * The template set a data file uses when it names none (its `templateSet`), and the one `init`
 * writes: the one place the code names a shipped set. Everything a set knows of its region —
 * tables, wording, places, numbering — is in templates/<name>/.
 */
export const DEFAULT_TEMPLATE_SET = 'shanxi-zonggai';
