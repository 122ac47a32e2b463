#!/usr/bin/env python3
"""Writes acceptance/src/main/resources/demo/township-2023.json: the township's 2023 as the report describes it.

Deterministic (no randomness), so the committed file is reproducible: python3 acceptance/tools/make_dataset.py
"""
import json, os

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W18 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
W9 = [3, 7, 9, 10, 5, 8, 4, 2]
REGION = "131125"  # 衡水市安平县


def org_code(n):
    """A GB 11714 organization code (8 body characters + check)."""
    body = "%08d" % n
    s = sum(int(c) * w for c, w in zip(body, W9))
    c = 11 - s % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def credit_code(prefix, n):
    """A GB 32100-2015 unified social credit code: 2-char prefix, region, organization code, check char."""
    first17 = prefix + REGION + org_code(n)
    s = sum(CHARS.index(c) * w for c, w in zip(first17, W18))
    return first17 + CHARS[(31 - s % 31) % 31]


VILLAGES = ["CG%03d" % i for i in range(1, 29)]

AGENCIES = ["城关镇党政综合办公室", "城关镇农业农村工作办公室", "城关镇财政所", "城关镇社会事务办公室",
            "城关镇综合行政执法队", "城关镇自然资源所", "城关镇平安建设办公室", "城关镇经济发展办公室",
            "城关镇人大办公室", "城关镇武装部", "城关镇党建工作办公室", "城关镇退役军人服务站"]
INSTITUTIONS = ["城关镇卫生院", "城关镇中心小学", "城关镇农业综合服务站", "城关镇文化站",
                "安平县农业技术推广中心", "城关镇社会保障事务所", "安平县林业技术服务中心", "城关镇中学"]
ENTERPRISES = ["安平县金薯农业发展有限公司", "衡水鲜果园农业科技有限公司", "安平县绿源蔬菜专业合作社",
               "河北核桃坊食品有限公司", "安平县菌香食用菌有限公司", "安平县丝网制品有限公司",
               "衡水惠农农资有限公司", "安平县城关供销有限公司", "河北田园冷链物流有限公司",
               "安平县富民建设工程有限公司", "衡水农商电子商务有限公司", "安平县兴农农机服务有限公司",
               "河北佳禾种业有限公司", "安平县乡情餐饮管理有限公司", "衡水润泽水利工程有限公司",
               "安平县新村光伏科技有限公司"]
SOCIAL = ["安平县慈善协会", "安平县农村专业技术协会", "安平县青年志愿者协会",
          "安平县红薯产业协会", "城关镇老年人协会", "安平县乡村振兴促进会"]


def organizations():
    orgs, n = [], 10_000_000
    for kind, names, prefix in [("TOWNSHIP_AGENCY", AGENCIES, "11"), ("PUBLIC_INSTITUTION", INSTITUTIONS, "12"),
                                ("ENTERPRISE", ENTERPRISES, "91"), ("SOCIAL_ORGANIZATION", SOCIAL, "51")]:
        for i, name in enumerate(names):
            n += 7919
            key = {"TOWNSHIP_AGENCY": "agency", "PUBLIC_INSTITUTION": "institution",
                   "ENTERPRISE": "enterprise", "SOCIAL_ORGANIZATION": "social"}[kind] + "-%02d" % (i + 1)
            orgs.append({"key": key, "name": name, "type": kind, "creditCode": credit_code(prefix, n),
                         "contact": {"name": "联络员%02d" % (len(orgs) + 1), "phone": "0318-78%05d" % (len(orgs) + 1)}})
    return orgs


FOCUS = ["INDUSTRY", "INFRASTRUCTURE", "MARKETING", "EMPLOYMENT", "TALENT", "FUNDING", "LIVING_ENVIRONMENT",
         "GOVERNANCE"]


def partnerships(orgs):
    agencies_institutions = [o for o in orgs if o["type"] in ("TOWNSHIP_AGENCY", "PUBLIC_INSTITUTION")]
    others = [o for o in orgs if o["type"] in ("ENTERPRISE", "SOCIAL_ORGANIZATION")]
    result = []
    # every village paired with a township agency or public institution (手拉手: 全覆盖)
    for i, v in enumerate(VILLAGES):
        o = agencies_institutions[i % len(agencies_institutions)]
        result.append({"key": "p-%s-%s" % (o["key"], v), "organization": o["key"], "villageCode": v,
                       "startDate": "2023-0%d-%02d" % (1 + i % 3, 1 + i % 27),
                       "focus": [FOCUS[i % 8], FOCUS[(i + 3) % 8]]})
    # enterprises and social organizations pair with one village each
    for i, o in enumerate(others):
        v = VILLAGES[(i * 5 + 2) % 28]
        result.append({"key": "p-%s-%s" % (o["key"], v), "organization": o["key"], "villageCode": v,
                       "startDate": "2023-%02d-%02d" % (3 + i % 6, 1 + (i * 3) % 27),
                       "focus": ["INDUSTRY", "MARKETING"] if o["type"] == "ENTERPRISE" else ["LIVING_ENVIRONMENT", "GOVERNANCE"]})
    return result


def partner_of(parts, village, org_prefix=None):
    for p in parts:
        if p["villageCode"] == village and (org_prefix is None or p["organization"].startswith(org_prefix)):
            return p
    return None


def projects(parts):
    spec = [
        ("sweet-potato-1", "万亩特色红薯种植基地（东片）", "SWEET_POTATO", ["CG001", "CG002", "CG003", "CG004"], "enterprise-01", 30000, "MU", "12000000.00", "IN_PROGRESS"),
        ("sweet-potato-2", "红薯深加工原料种植基地（西片）", "SWEET_POTATO", ["CG005", "CG006", "CG007"], "enterprise-01", 20000, "MU", "8000000.00", "IN_PROGRESS"),
        ("fruit-1", "优质鲜果（苹果、梨）标准化果园", "FRESH_FRUIT", ["CG008", "CG009", "CG010", "CG011"], "enterprise-02", 40000, "MU", "9000000.00", "IN_PROGRESS"),
        ("fruit-2", "优质鲜果（桃、葡萄）采摘园", "FRESH_FRUIT", ["CG012", "CG013", "CG014"], "enterprise-02", 30000, "MU", "6000000.00", "COMPLETED"),
        ("vegetables", "绿色蔬菜种植基地", "VEGETABLES", ["CG015", "CG016", "CG017", "CG018"], "enterprise-03", 40000, "MU", "7000000.00", "IN_PROGRESS"),
        ("walnut", "优质核桃种植基地", "WALNUT", ["CG019", "CG020", "CG021"], "enterprise-04", 20000, "MU", "5000000.00", "IN_PROGRESS"),
        ("fungi-1", "绿色食用菌棚室基地（一期）", "EDIBLE_FUNGI", ["CG022", "CG023"], "enterprise-05", 12000000, "STICK", "6000000.00", "COMPLETED"),
        ("fungi-2", "绿色食用菌棚室基地（二期）", "EDIBLE_FUNGI", ["CG024", "CG025", "CG026"], "enterprise-05", 8000000, "STICK", "4000000.00", "IN_PROGRESS"),
        ("cold-chain-pigs", "生态生猪养殖与冷链配套", "OTHER", ["CG027", "CG028"], "enterprise-09", 3000, "HEAD", "3000000.00", "APPROVED"),
    ]
    result = []
    for i, (key, name, industry, villages, lead, qty, unit, invest, status) in enumerate(spec):
        ps = [partner_of(parts, v)["key"] for v in villages]
        lead_p = partner_of(parts, villages[0], lead)
        if lead_p is None:  # the lead enterprise pairs with the project's first village
            lead_p = {"key": "p-%s-%s" % (lead, villages[0]), "organization": lead, "villageCode": villages[0],
                      "startDate": "2023-02-15", "focus": ["INDUSTRY", "FUNDING"]}
            parts.append(lead_p)
        ps.append(lead_p["key"])
        progress = []
        if status in ("IN_PROGRESS", "COMPLETED"):
            progress = [{"percentComplete": 30, "reportedOn": "2023-06-30", "note": "基地建设稳步推进"},
                        {"percentComplete": 100 if status == "COMPLETED" else 60 + i * 3, "reportedOn": "2023-11-30",
                         "note": "年度目标完成" if status == "COMPLETED" else "按计划推进"}]
        result.append({"key": key, "name": name, "industry": industry, "villageCodes": villages, "partnerships": ps,
                       "leadOrganization": lead, "scale": {"quantity": str(qty), "unit": unit},
                       "plannedInvestment": invest, "startDate": "2023-03-01", "endDate": "2025-12-31",
                       "milestones": [{"title": "完成土地流转与规划", "dueDate": "2023-05-31", "completedOn": "2023-05-20"},
                                      {"title": "基础设施建成投用", "dueDate": "2024-06-30"}],
                       "status": status, "progress": progress})
    return result


def funds(projs):
    # SOCIAL_CAPITAL: 50,000,000.00 yuan exactly (带动社会资本投资5000万元)
    social = [("enterprise-01", "sweet-potato-1", "9000000.00"), ("enterprise-01", "sweet-potato-2", "6000000.00"),
              ("enterprise-02", "fruit-1", "7000000.00"), ("enterprise-02", "fruit-2", "4500000.00"),
              ("enterprise-03", "vegetables", "5500000.00"), ("enterprise-04", "walnut", "4000000.00"),
              ("enterprise-05", "fungi-1", "4200000.00"), ("enterprise-05", "fungi-2", "3300000.00"),
              ("enterprise-09", "cold-chain-pigs", "2500000.00"), ("enterprise-11", "fruit-1", "1200000.00"),
              ("enterprise-13", "vegetables", "1300000.00"), ("enterprise-16", "walnut", "1500000.00")]
    assert sum(int(a.replace(".", "")) for _, _, a in social) == 50_000_000_00, "social capital must be 5000万"
    result = []
    for i, (org, proj, amount) in enumerate(social):
        fen = int(amount.replace(".", ""))
        d1, d2 = fen * 40 // 100, fen * 25 // 100
        dis = [{"key": "d1", "amount": "%d.%02d" % divmod(d1, 100), "disbursedOn": "2023-%02d-15" % (4 + i % 3)},
               {"key": "d2", "amount": "%d.%02d" % divmod(d2, 100), "disbursedOn": "2023-%02d-20" % (8 + i % 4)}]
        if i == 0:  # a correction: a mistaken payment, reversed and paid again
            dis.append({"key": "d3", "amount": "100000.00", "disbursedOn": "2023-09-01", "reverse": "金额录入错误，冲正"})
        result.append({"key": "social-%02d" % (i + 1), "source": "SOCIAL_CAPITAL", "investorOrganization": org,
                       "project": proj, "committedAmount": amount, "committedOn": "2023-%02d-10" % (2 + i % 5),
                       "disbursements": dis})
    fiscal = [("sweet-potato-1", "2000000.00"), ("vegetables", "1500000.00"), ("walnut", "1000000.00")]
    for i, (proj, amount) in enumerate(fiscal):
        result.append({"key": "fiscal-%02d" % (i + 1), "source": "FISCAL", "project": proj, "committedAmount": amount,
                       "committedOn": "2023-03-20", "disbursements": [
                           {"key": "d1", "amount": "%d.%02d" % divmod(int(amount.replace(".", "")) // 2, 100),
                            "disbursedOn": "2023-07-01"}]})
    result.append({"key": "collective-01", "source": "VILLAGE_COLLECTIVE", "villageCode": "CG003",
                   "committedAmount": "300000.00", "committedOn": "2023-04-01",
                   "disbursements": [{"key": "d1", "amount": "300000.00", "disbursedOn": "2023-05-01"}]})
    result.append({"key": "donation-01", "source": "DONATION", "investorOrganization": "social-01",
                   "villageCode": "CG010", "committedAmount": "88000.00", "committedOn": "2023-10-08",
                   "disbursements": [{"key": "d1", "amount": "88000.00", "disbursedOn": "2023-10-20"}]})
    return result


NEED_TITLES = [("INFRASTRUCTURE", "硬化村内主街道"), ("INFRASTRUCTURE", "修缮村排水沟渠"), ("LIVING_ENVIRONMENT", "清理残垣断壁"),
               ("LIVING_ENVIRONMENT", "改造提升卫生厕所"), ("MARKETING", "对接农产品销售渠道"), ("INDUSTRY", "引进特色种植品种"),
               ("EMPLOYMENT", "组织村民技能培训"), ("TALENT", "选派农技人员驻村指导"), ("FUNDING", "争取产业发展资金"),
               ("GOVERNANCE", "完善村规民约"), ("LIVING_ENVIRONMENT", "建设小微游园"), ("INFRASTRUCTURE", "安装街道路灯"),
               ("INDUSTRY", "建设冷藏保鲜设施"), ("GOVERNANCE", "调解邻里矛盾纠纷"), ("OTHER", "慰问困难群众")]


def needs(parts):
    result, open_left = [], 8
    for vi, v in enumerate(VILLAGES):
        village_parts = [p for p in parts if p["villageCode"] == v]
        for ni, (cat, title) in enumerate(NEED_TITLES):
            n = {"key": "n-%s-%02d" % (v, ni + 1), "villageCode": v, "category": cat, "title": title,
                 "description": "%s：%s" % (v, title)}
            if ni == len(NEED_TITLES) - 1 and vi % 3 == 0 and open_left > 0:
                open_left -= 1  # still open at year end
            else:
                n["resolvedBy"] = village_parts[ni % len(village_parts)]["key"]
                n["resolvedOn"] = "2023-%02d-%02d" % (2 + ni % 10, 1 + (vi + ni) % 27)
            result.append(n)
    return result


def income():
    # 10 villages in [200k, 500k) and 18 at 500k or more (收入超20万元和50万元的村分别为10个和18个), so the total
    # is at least 11,000,000: "1000余万元". Kept close to that floor.
    low = [205000, 212000, 218500, 226000, 233000, 241800, 250000, 262000, 275000, 299000]
    high = [500000, 503000, 506500, 510000, 512800, 515000, 518000, 521000, 524600, 528000,
            531000, 535500, 540000, 546000, 552000, 560000, 571000, 588000]
    amounts = low + high
    return [{"villageCode": v, "amount": "%d.00" % a} for v, a in zip(VILLAGES, amounts)]


def previous_income():
    # 2022, for the report's comparison: the lower villages 12,000 less, the upper 3,000 less, so 1 village is below
    # 200k, 10 are in [200k, 500k) and 17 at 500k or more: every 2023 figure reaches or exceeds 2022's.
    return [{"villageCode": i["villageCode"], "amount": "%d.00" % (int(i["amount"][:-3]) - (12000 if int(i["amount"][:-3]) < 500000 else 3000))}
            for i in income()]


def main():
    orgs = organizations()
    parts = partnerships(orgs)
    projs = projects(parts)
    data = {
        "about": "城关镇 2023 (安平县): the township's pairings, projects, funds, needs and collective income as the "
                 "party secretary's 2023 report describes them. Generated by acceptance/tools/make_dataset.py.",
        "township": "城关镇", "county": "安平县", "year": 2023,
        "organizations": orgs, "partnerships": parts, "projects": projs, "funds": funds(projs),
        "needs": needs(parts), "collectiveIncome": income(),
        "previousYear": {"year": 2022, "collectiveIncome": previous_income()},
        "expected": {"villages": 28, "covered": 28, "socialCapitalCommitted": "50000000.00", "projectsAtLeast": 8,
                     "needsResolvedAtLeast": 400,
                     "industryScale": [{"industry": "SWEET_POTATO", "unit": "MU", "quantity": "50000"},
                                       {"industry": "FRESH_FRUIT", "unit": "MU", "quantity": "70000"},
                                       {"industry": "VEGETABLES", "unit": "MU", "quantity": "40000"},
                                       {"industry": "WALNUT", "unit": "MU", "quantity": "20000"},
                                       {"industry": "EDIBLE_FUNGI", "unit": "STICK", "quantity": "20000000"}],
                     "collectiveIncomeAbove": "10000000.00", "bandFrom200kTo500k": 10, "bandAtLeast500k": 18},
    }
    out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "demo", "township-2023.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    resolved = sum(1 for n in data["needs"] if "resolvedBy" in n)
    total_income = sum(int(i["amount"][:-3]) for i in data["collectiveIncome"])
    print("organizations %d, partnerships %d, projects %d, funds %d, needs %d (resolved %d), income total %d"
          % (len(orgs), len(parts), len(projs), len(data["funds"]), len(data["needs"]), resolved, total_income))


if __name__ == "__main__":
    main()
