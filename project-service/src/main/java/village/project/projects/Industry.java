package village.project.projects;

/** The agricultural industries the township builds bases for. */
enum Industry {
  SWEET_POTATO, FRESH_FRUIT, VEGETABLES, WALNUT, EDIBLE_FUNGI, OTHER
}
