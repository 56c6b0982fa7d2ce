"""Write resources/sample/platform-113-07-11.json from the reference minutes.

Run once by hand (python tools/make_sample.py); the JSON is what ships. Every name, title
and decision below is copied from tests/data/reference/seed-minutes-113-07-11.txt (a copy of
the shared reference). The 51 continuing cases are not named there, so they are generated
as marked placeholders.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recorder_app.core.interchange import dumps
from recorder_app.core.model import (
    AdjournmentItem,
    Case,
    CaseDecision,
    ConclusionsItem,
    InfoItem,
    Meeting,
    Person,
    Programme,
    Proposal,
    RegisterItem,
    ReportDecision,
    ReportItem,
    ResolutionItem,
    SectionItem,
    Speech,
    WorkingGroup,
)

THEME = "氣候變遷因應及調適"
THIS_MEETING = "第 3 次副市長層級會議"

# group: (added, delisted, continuing count, programme title or None)
REGISTER: dict[str, tuple[list[str], list[str], int, str | None]] = {
    "交通組": (
        ["跨市設置通勤綠廊標誌牌面", "研議電動輔助自行車跨市騎乘規範及配套"],
        ["共享轄內大貨車車籍資料", "整合各縣市自行車道鋪面顏色",
         "建請中央提供共享運具管理業者優惠或免費之駕照查詢機制"],
        16, "「我的減碳存摺」綠運輸聯合推廣合作案"),
    "災防組": ([], ["避難弱勢場所火災初期自救及疏散演練交流觀摩"], 8,
              "建構防救災資通訊備援機制"),
    "教育文化組": ([], ["臺北市立圖書館與桃園市立圖書館「一證通用」服務啟用"], 4,
                "Just Do It 保護地球自己來—淨零行動：綠碳匯總動員"),
    "產業民生組": (
        ["新興能源經驗交流合作案*", "山區捕獸鉗及山豬吊宣導及清除交流", "瑞芳工業區事業廢棄物清運案"],
        ["電競產業推動合作", "觀光工廠職涯探索見學交流", "智慧農(漁)業場域交流", "推廣數位轉型交流活動",
         "推動北五堵與保長坑策略合作計畫", "地熱發電廠經驗交流*", "食農/漁教育合作交流"],
        2, None),
    "都會發展組": (["新北桃園殯儀館設施使用費互惠"], [], 4,
                "推動基北北桃共同建立 TOD(大眾運輸導都市發展)計畫制度及淨零碳之宜居建築、"
                "社會住宅及都市更新發展方向經驗交流"),
    "衛生社福組": (
        ["基北北桃氣候變遷跨縣市合作平台*", "基北北桃幼兒專責醫師制度高風險家庭幼兒跨區收案",
         "居家托育人員執業登記前訓練課程", "建立特殊(無依)兒童照顧「三方共訪機制」"],
        ["醫事人員戒菸服務訓練", "食品業者衛生管理線上課程建置", "照顧管理人員及 A 個管資格訓練",
         "三、四級毒品裁罰講習多元方案", "預立醫療照護諮商專業人員教育訓練",
         "逾期未接種幼兒跨縣市協同催注作業計畫", "社安網心理衛生專業人力服務個案跨縣市網絡合作",
         "基北北桃聯合評估轉介機制", "大臺北地區街友資料交換機制"],
        8, "「基北北桃腦中風取栓網絡合作平台」合作案"),
    "環境資源組": (
        ["北北基桃空品不良季聯合稽查"],
        ["東門溪水質改善", "「桃園市龜山區龍壽、迴龍地區」接入「新北市新莊地區污水下水道系統」簽訂行政契約"],
        2, "「低碳永續·永續學習合作」觀摩活動"),
    "觀光文創組": (["113 年度基北北桃四市聯合海外行銷"], ["打造基北北桃藝術家聚落"], 7,
                "「打造綠色旅遊路線合作案」"),
}


def groups() -> list[WorkingGroup]:
    out = []
    for gi, (name, (added, delisted, continuing, programme)) in enumerate(REGISTER.items(), 1):
        cases: list[Case] = []

        def case(title: str, gi: int = gi, cases: list[Case] = cases, **kw: object) -> Case:
            # A trailing * marks the cases the reference prints with the common theme.
            theme = THEME if title.endswith("*") else ""
            return Case(id=f"g{gi}-c{len(cases) + 1:02d}", title=title.rstrip("*"), theme=theme, **kw)

        for title in added:
            cases.append(case(title, proposal=Proposal.ADD, decision=CaseDecision.ADD,
                              first_listed=THIS_MEETING))
        for title in delisted:
            cases.append(case(title, proposal=Proposal.DELIST, decision=CaseDecision.DELIST))
        for n in range(1, continuing + 1):
            cases.append(case(f"(樣本){name}持續列管案件 {n:02d}", placeholder=True,
                              note="樣本資料：原紀錄未列出持續列管案件名稱"))
        programmes = [Programme(id=f"g{gi}-p1", theme=THEME, title=programme,
                                decision=ReportDecision.NOTED)] if programme else []
        out.append(WorkingGroup(name=name, cases=cases, programmes=programmes))
    return out


def meeting() -> Meeting:
    return Meeting(
        body="基北北桃合作交流平臺", name="副市長層級會議", ordinal=3,
        date=dt.date(2024, 7, 11), start_time=dt.time(14, 50), end_time=dt.time(16, 35),
        place="基隆市要塞司令部",
        people=[
            Person(key="qiu", surname="邱", given_name="佩琳", title="副市長", organisation="基隆市政府"),
            Person(key="su", surname="蘇", given_name="俊賓", title="副市長", organisation="桃園市政府"),
            Person(key="liu", surname="劉", given_name="和然", title="副市長", organisation="新北市政府"),
            # "臺北市府" is how the reference writes it; kept as data, not corrected silently.
            Person(key="lin", surname="林", given_name="奕華", title="副市長", organisation="臺北市府"),
        ],
        chair="qiu", co_chairs=["su", "liu", "lin"], recorder="郭曉蓓",
        attendance_notes={"出席": "詳簽到表"}, attachment_label="附件 1",
        agenda=[
            InfoItem(id="opening", title="主席致詞", text="略"),
            ReportItem(id="work-report", title="幕僚單位及議題小組工作報告",
                       decision=ReportDecision.NOTED),
            SectionItem(id="resolutions", title="決議事項", presenter="qiu", children=[
                ResolutionItem(id="resolution-1", title=(
                    "為更貼近民眾期待與需求，建議未來新增之議題更聚焦於四個城市之間共同面臨之議題，"
                    "像交通、社福等議題，期能研議出更具體讓民眾有幸福感及安全感的政策。")),
                RegisterItem(id="register", title="議題小組合作案件，請依決議持續辦理："),
            ]),
            ConclusionsItem(id="conclusions", title="主席結論暨指示(依發言順序)", speeches=[
                Speech(speaker="qiu", points=[
                    "基隆有深厚的文化歷史底蘊，具有相當美麗及良好的海洋條件可發展，非常歡迎桃園市、新北市及"
                    "臺北市副市長及重要團隊蒞臨到小而美的基隆。尤其特別感謝新北市政府大力促成所轄 589 路公車"
                    "延駛百福社區，市民可在基隆百福社區搭乘公車一車直達新北汐止及臺北南港。",
                    "基隆後續擇時邀請北北桃的夥伴，安排參訪台版築地市場的基隆炭仔頂，以及廟口夜市等，"
                    "進行民生觀光的交流活動。",
                ]),
                Speech(speaker="su", points=[
                    "基隆、臺北、新北和桃園四個城市將持續在交通運輸、環境保護、婦幼照護等領域繼續緊密合作。"
                    "半年一次的會議旨在逐一檢視四市和各議題組的工作進展，也感謝平臺每一位成員的辛苦付出與努力，"
                    "積極密切的針對公車路網優化、區域河川管理、空污聯合稽查、以及社安網通報系統整合等跨域治理"
                    "難題進行討論，力求凝聚共識攜手提出解決方案。此外，有許多優良合作案在凝聚共識後雖然解除列管，"
                    "仍會常態持續的合作，因此也建議可以定期檢視基北北桃常態合作的交流成效，展現讓市民有感的合作成果。",
                ]),
                Speech(speaker="liu", points=[
                    "感謝基隆市、桃園市、臺北市及新北市團隊所有夥伴的努力，讓合作交流平臺順利運行，更感謝"
                    "基北北桃千萬市民的肯定，同時也邀請市民共同支持「2025 雙北世界壯年運動會」，"
                    "邀請所有熱愛運動的朋友一起參與獨一無二的亞洲首場世壯運，體育場上同心合力，城市合作也能並肩作戰，共創佳績。",
                ]),
                Speech(speaker="lin", points=[
                    "距離上次第 2 次副市長層級會議半年的區間，這半年四市仍然持續業務跨域合作及經驗分享，"
                    "除聚焦於共同議題「氣候變遷因應及調適」合作討論外，針對社會大眾關心的議題，例如特殊（無依）"
                    "兒童照顧三方共訪機制、緊急事件跨域通報機制，都有長足的合作與討論，要讓市民生活更安心。",
                    "臺北市與桃園市立圖書館一證通用服務正式啟用，可朝四市跨域借書一卡通服務目標邁進，"
                    "讓民眾可跨市共享圖書資源。",
                ]),
            ]),
            AdjournmentItem(id="adjourn", title="散會"),
        ],
        groups=groups(),
    )


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "resources" / "sample" / "platform-113-07-11.json"
    target.write_text(dumps(meeting()), encoding="utf-8")
    print(target)
