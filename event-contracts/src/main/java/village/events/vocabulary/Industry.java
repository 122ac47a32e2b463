package village.events.vocabulary;

/** A project's industry ({@code ProjectRegistered.industry}). */
public enum Industry {
  SWEET_POTATO, FRESH_FRUIT, VEGETABLES, WALNUT, EDIBLE_FUNGI, OTHER
}
