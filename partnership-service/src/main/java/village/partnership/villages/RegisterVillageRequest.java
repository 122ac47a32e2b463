package village.partnership.villages;

import village.support.validation.PlainText;
/** {@code POST /api/villages}. */
record RegisterVillageRequest(@PlainText String code, @PlainText String name, String kind, @PlainText String township,
    @PlainText String county) {}
