"""The 12 Chinese members of UNESCO's Global Network of Learning Cities studied in the comparative study.

They are the reference units of the packaged ``china-learning-city`` framework (every version of
it): their ids name the files in ``indicators/reference-cities/`` and are the only cities a
framework may cite as exemplars. Another framework brings its own reference units, or none (see
``evaluator.benchmark`` and docs/frameworks.md).
"""

#: the framework id the 12 cities are reference units of
CHINA_FRAMEWORK_ID = "china-learning-city"
#: (zh, en) name of the set, as the benchmark and the report's appendix name it
#: dated: China had these 12 members in February 2024 (S50) and 15 since December 2025 (S49; G16 #4)
CHINA_SET_NAME = ("比较研究所考察的、截至2024年2月联合国教科文组织全球学习型城市网络的12个中国成员城市",
                  "the 12 Chinese member cities of UNESCO's Global Network of Learning Cities as of February 2024, "
                  "studied in the comparative study")

REFERENCE_CITIES: dict[str, tuple[str, str]] = {
    "beijing": ("北京市", "Beijing"),
    "shanghai": ("上海市", "Shanghai"),
    "hangzhou": ("杭州市", "Hangzhou"),
    "chengdu": ("成都市", "Chengdu"),
    "wuhan": ("武汉市", "Wuhan"),
    "taiyuan": ("太原市", "Taiyuan"),
    "changzhou": ("常州市", "Changzhou"),
    "shenzhen": ("深圳市", "Shenzhen"),
    "xian": ("西安市", "Xi'an"),
    "guangzhou": ("广州市", "Guangzhou"),
    "nanjing": ("南京市", "Nanjing"),
    "suzhou": ("苏州市", "Suzhou"),
}
