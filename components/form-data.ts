/**
 * A text field of a submitted form: its value with the spaces around it removed (`trim: false` keeps them — a password);
 * '' when the field is absent or holds a file.
 */
export function formText(form: FormData, name: string, { trim = true }: { trim?: boolean } = {}): string {
  const value = form.get(name);
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}
