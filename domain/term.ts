/** Semester of the curriculum (1…8) for a group in a course and a term of the year (1 autumn, 2 spring). */
export function semesterOf(course: number, termNumber: number): number {
  return (course - 1) * 2 + termNumber;
}
