"""Pure training logic (no Django): which open courses close a job's skill gaps."""

from .suggest import MAX_COURSES, WELL_MATCHED, CourseDoc, CourseSuggestion, courses_for_gaps

__all__ = ["MAX_COURSES", "WELL_MATCHED", "CourseDoc", "CourseSuggestion", "courses_for_gaps"]
