"""The 12 Chinese members of UNESCO's Global Network of Learning Cities studied in the comparative study.

Their ids name the files in ``indicators/reference-cities/`` and are the only cities a framework
may cite as exemplars.
"""

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
