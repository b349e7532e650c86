"""Example request bodies shown in the API documentation (/docs)."""

from __future__ import annotations

from typing import Any

__all__ = ["EXAMPLES"]

MEMBER = "3b1f0c54-6a4e-5d7e-9a0b-1f2e3d4c5b6a"
BRANCH = "8f970f0f-2254-5e69-83a1-b8407d50da59"

EXAMPLES: dict[str, dict[str, Any]] = {
    "RegisterMember": {"name": "张明", "gender": "male", "birth_date": "1985-03-04", "ethnicity": "汉族",
                       "id_number": "511922198503040019", "phone": "13800001234", "joined_on": "2010-07-01",
                       "standing": "full", "category": "rural", "branch_id": BRANCH, "effective_on": "2025-03-01"},
    "RecordDeparture": {"reason": "外出务工", "province": "四川省", "city": "成都市", "industry": "construction",
                        "expected_months": 10, "contact_phone": "13900001111", "employer": "成都某建筑公司",
                        "effective_on": "2025-03-10"},
    "RecordReportIn": {"org_id": BRANCH, "id_number": "511922198503040019", "inflow_contact": "刘书记"},
    "RecordContact": {"method": "phone", "outcome": "reached", "initiated_by": "member",
                      "note": "本人来电，在成都工地，情况良好"},
    "RecordDues": {"months": ["2025-05", "2025-06"], "amount_fen": 9000, "collector": "inflow",
                   "basis": "wage", "income_fen": 450000},
    "RecordActivity": {"kind": "quarterly", "title": "“三服务”季度主题活动"},
    "RecordReview": {"year": 2024, "grade": "qualified"},
    "RecordReturn": {"report": "在成都务工一年，按时交纳党费", "hand_back_certificate": "511922-2025-00001"},
    "RequestCertificate": {"member_id": MEMBER, "justification": "长期在成都务工，组织关系暂不能转移"},
    "ApproveRequest": {"note": "同意发放"},
    "IssueCertificate": {"request_id": "0d6f6e4f-9023-5071-9297-00688ea0c75e", "number": "511922-2025-00001"},
    "AllocateBlanks": {"org_id": BRANCH, "year": 2025, "first": 1, "last": 200},
    "CorrectEvent": {"changes": {"city": "西安市", "province": "陕西省"}, "reason": "登记时写错流向地"},
    "VoidEvent": {"reason": "重复录入"},
    "ChangePolicy": {"changes": {"certificate_min_months_away": 6}, "effective_on": "2025-01-01"},
    "RevealPersonalData": {"fields": ["phone"], "reason": "核实联系方式"},
    "EstablishOrganisation": {"kind": "mobile_branch", "name": "西安市南江流动党员党支部",
                              "parent_id": BRANCH, "province": "陕西省", "city": "西安市"},
    "AppointOfficer": {"name": "李干事", "org_id": BRANCH, "role": "officer"},
}
