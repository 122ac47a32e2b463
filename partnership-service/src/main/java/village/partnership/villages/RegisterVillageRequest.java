package village.partnership.villages;

/** {@code POST /api/villages}. */
record RegisterVillageRequest(String code, String name, String kind, String township, String county) {}
