package village.project.projects;

/** Units of a project's scale: area in mu (亩), fungi in sticks (棒), livestock in head. */
enum ScaleUnit {
  MU, STICK, HEAD
}
