/**
 * The one place the tutor page gets the course: the built course JSON, bundled into the page at
 * build time ('$course-data', see vite.tutor.config.ts). Swap this function to load it otherwise.
 */
import data from '$course-data';
import type { Course } from '$lib/course/types';

export function loadCourse(): Course {
  return data as unknown as Course;
}
