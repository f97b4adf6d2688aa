/** `fields('Student', 'name', 'gender')` → `['Student.name', 'Student.gender']`: keeps the data readable. */
export function fields(typeName: string, ...fieldNames: string[]): string[] {
  return fieldNames.map((field) => `${typeName}.${field}`);
}
