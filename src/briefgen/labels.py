"""The fixed words a brief prints ("Figure", "Key judgments", "Option"), by language.

Every writer takes these strings from the Document (decided once, in assemble), so the PDF,
the DOCX and the HTML always say the same thing, and a brief in another language translates
them in one place. A language not in the catalogue falls back, per key, to English.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Labels:
    """The fixed strings of one language; field names are the catalogue keys."""

    key_judgments: str = "Key judgments"
    summary: str = "Executive summary"
    contents: str = "Contents"
    notes: str = "Notes"
    sources: str = "Sources"
    figure: str = "Figure"
    table: str = "Table"
    source: str = "Source"
    sources_line: str = "Sources"
    note: str = "Note"
    option: str = "Option"
    advocates: str = "Advocates"
    pros: str = "For"
    cons: str = "Against"
    risks: str = "Risks"
    record: str = "Track record"
    voices: str = "Voices"
    recommendations: str = "Recommendations"
    confidence_high: str = "High confidence"
    confidence_moderate: str = "Moderate confidence"
    confidence_low: str = "Low confidence"
    glossary_term: str = "Term"
    glossary_native: str = "Native spelling"
    glossary_definition: str = "Meaning"
    date: str = "Date"
    event: str = "Event"
    page: str = "Page"
    page_of: str = "of"
    changes: str = "Changes since the last edition"
    first_edition: str = "This is the first edition of this brief."
    quoted_in: str = "quoted in"
    computed: str = "Computed from sourced figures"
    policy_brief: str = "Policy brief"
    method: str = "Method and sources"
    method_intro: str = ("How each source was kept and dated: the evidence behind the notes, "
                         "for readers who want to check them.")
    local_copy: str = "Local copy"
    retrieved: str = "Archived on"
    date_note: str = "Date"
    no_author: str = "No author printed"
    supporting: str = "Supporting text"
    inputs_from: str = "Inputs from"
    list_number: str = "{n}."  # an item's number in a numbered list: "{n}." prints "1."
    series_number: str = "No.\u00a0{n}"  # a brief's number in its series: "No. 7"

    def number(self, n: int) -> str:
        """Return the marker of item `n` of a numbered list (key judgments, recommendations)."""
        return self.list_number.replace("{n}", str(n))

    def confidence(self, level: str) -> str:
        """Return the printed label of a confidence level ('high' → 'High confidence')."""
        return str(getattr(self, f"confidence_{level}", level))


# Translations by primary language subtag; keys not given fall back to English.
CATALOGUE: dict[str, dict[str, str]] = {
    "en": {},
    "fr": {
        "key_judgments": "Principales conclusions", "summary": "Résumé",
        "contents": "Sommaire", "notes": "Notes", "sources": "Sources", "figure": "Figure",
        "table": "Tableau", "source": "Source", "sources_line": "Sources", "note": "Note",
        "option": "Option", "advocates": "Partisans", "pros": "Pour", "cons": "Contre",
        "risks": "Risques", "record": "Précédents", "voices": "Citations",
        "recommendations": "Recommandations", "confidence_high": "Confiance élevée",
        "confidence_moderate": "Confiance moyenne", "confidence_low": "Confiance faible",
        "glossary_term": "Terme", "glossary_native": "Graphie d’origine",
        "glossary_definition": "Sens", "date": "Date", "event": "Événement", "page": "Page",
        "page_of": "sur", "changes": "Changements depuis la dernière édition",
        "first_edition": "Ceci est la première édition de cette note.",
        "quoted_in": "cité dans", "computed": "Calculé à partir de chiffres sourcés",
        "policy_brief": "Note d’analyse", "method": "Méthode et sources",
        "method_intro": "Comment chaque source a été conservée et datée : les preuves "
        "derrière les notes, pour qui veut les vérifier.",
        "local_copy": "Copie locale", "retrieved": "Archivé le", "date_note": "Date",
        "no_author": "Auteur non indiqué", "supporting": "Texte à l’appui",
        "inputs_from": "Données tirées de", "list_number": "{n}.",
        "series_number": "n°\u00a0{n}",
    },
    "ur": {
        "key_judgments": "اہم نتائج", "summary": "خلاصہ", "contents": "فہرست",
        "notes": "حواشی", "sources": "ماخذ", "figure": "شکل", "table": "جدول",
        "source": "ماخذ", "sources_line": "ماخذ", "note": "نوٹ", "option": "متبادل",
        "advocates": "حامی", "pros": "حق میں", "cons": "مخالفت میں", "risks": "خطرات",
        "record": "سابقہ تجربہ", "voices": "آراء", "recommendations": "سفارشات",
        "confidence_high": "اعلیٰ اعتماد", "confidence_moderate": "درمیانہ اعتماد",
        "confidence_low": "کم اعتماد", "glossary_term": "اصطلاح",
        "glossary_native": "اصل املا", "glossary_definition": "مطلب", "date": "تاریخ",
        "event": "واقعہ", "page": "صفحہ", "page_of": "از",
        "changes": "گزشتہ اشاعت کے بعد تبدیلیاں",
        "first_edition": "یہ اس بریف کی پہلی اشاعت ہے۔", "quoted_in": "بحوالہ",
        "computed": "ماخذ شدہ اعداد سے اخذ کردہ", "policy_brief": "پالیسی بریف",
        "method": "طریقۂ کار اور ماخذ",
        "method_intro": "ہر ماخذ کیسے محفوظ کیا گیا اور اس کی تاریخ کیسے معلوم ہوئی: حواشی "
        "کے پیچھے شواہد، ان قارئین کے لیے جو انہیں جانچنا چاہیں۔",
        "local_copy": "مقامی نقل", "retrieved": "محفوظ کردہ بتاریخ", "date_note": "تاریخ",
        "no_author": "مصنف کا نام درج نہیں", "supporting": "تائیدی متن",
        "inputs_from": "ماخذِ اعداد", "list_number": "{n}.", "series_number": "شمارہ {n}",
    },
    "de": {
        "key_judgments": "Zentrale Einschätzungen", "summary": "Zusammenfassung",
        "contents": "Inhalt", "notes": "Anmerkungen", "sources": "Quellen",
        "figure": "Abbildung", "table": "Tabelle", "source": "Quelle", "sources_line": "Quellen",
        "note": "Anmerkung", "option": "Option", "advocates": "Befürworter", "pros": "Dafür",
        "cons": "Dagegen", "risks": "Risiken", "record": "Bisherige Erfahrungen",
        "voices": "Stimmen", "recommendations": "Empfehlungen",
        "confidence_high": "Hohe Sicherheit", "confidence_moderate": "Mittlere Sicherheit",
        "confidence_low": "Geringe Sicherheit", "glossary_term": "Begriff",
        "glossary_native": "Originalschreibweise", "glossary_definition": "Bedeutung",
        "date": "Datum", "event": "Ereignis", "page": "Seite", "page_of": "von",
        "changes": "Änderungen seit der letzten Ausgabe",
        "first_edition": "Dies ist die erste Ausgabe dieser Analyse.",
        "quoted_in": "zitiert in", "computed": "Berechnet aus belegten Zahlen",
        "policy_brief": "Policy Brief", "method": "Methode und Quellen",
        "method_intro": "Wie jede Quelle gesichert und datiert wurde: die Belege hinter den "
        "Anmerkungen, für alle, die sie überprüfen möchten.",
        "local_copy": "Lokale Kopie", "retrieved": "Archiviert am", "date_note": "Datum",
        "no_author": "Kein Autor angegeben", "supporting": "Belegstelle",
        "inputs_from": "Ausgangsdaten", "list_number": "{n}.", "series_number": "Nr.\u00a0{n}",
    },
    "es": {
        "key_judgments": "Conclusiones clave", "summary": "Resumen ejecutivo",
        "contents": "Índice", "notes": "Notas", "sources": "Fuentes", "figure": "Figura",
        "table": "Tabla", "source": "Fuente", "sources_line": "Fuentes", "note": "Nota",
        "option": "Opción", "advocates": "Partidarios", "pros": "A favor",
        "cons": "En contra", "risks": "Riesgos", "record": "Antecedentes", "voices": "Voces",
        "recommendations": "Recomendaciones", "confidence_high": "Confianza alta",
        "confidence_moderate": "Confianza moderada", "confidence_low": "Confianza baja",
        "glossary_term": "Término", "glossary_native": "Grafía original",
        "glossary_definition": "Significado", "date": "Fecha", "event": "Acontecimiento",
        "page": "Página", "page_of": "de", "changes": "Cambios desde la última edición",
        "first_edition": "Esta es la primera edición de este informe.",
        "quoted_in": "citado en", "computed": "Calculado a partir de cifras con fuente",
        "policy_brief": "Informe de políticas", "method": "Método y fuentes",
        "method_intro": "Cómo se conservó y fechó cada fuente: las pruebas en que se basan "
        "las notas, para quien quiera comprobarlas.",
        "local_copy": "Copia local", "retrieved": "Archivado el", "date_note": "Fecha",
        "no_author": "Sin autor indicado", "supporting": "Texto de respaldo",
        "inputs_from": "Datos de partida", "list_number": "{n}.",
        "series_number": "n.º\u00a0{n}",
    },
    "ar": {
        "key_judgments": "الاستنتاجات الرئيسية", "summary": "ملخص تنفيذي",
        "contents": "المحتويات", "notes": "الحواشي", "sources": "المصادر",
        "figure": "الشكل", "table": "الجدول", "source": "المصدر", "sources_line": "المصادر",
        "note": "ملاحظة", "option": "الخيار", "advocates": "المؤيدون",
        "pros": "الحجج المؤيدة", "cons": "الحجج المعارضة", "risks": "المخاطر",
        "record": "السوابق", "voices": "آراء", "recommendations": "التوصيات",
        "confidence_high": "ثقة عالية", "confidence_moderate": "ثقة متوسطة",
        "confidence_low": "ثقة منخفضة", "glossary_term": "المصطلح",
        "glossary_native": "الكتابة الأصلية", "glossary_definition": "المعنى",
        "date": "التاريخ", "event": "الحدث", "page": "صفحة", "page_of": "من",
        "changes": "التغييرات منذ الإصدار السابق",
        "first_edition": "هذا هو الإصدار الأول من هذا الموجز.", "quoted_in": "نقلًا عن",
        "computed": "محسوب من أرقام موثقة المصدر", "policy_brief": "موجز سياسات",
        "method": "المنهجية والمصادر",
        "method_intro": "كيف حُفظ كل مصدر وكيف أُرّخ: الأدلة التي تستند إليها الحواشي، "
        "لمن أراد من القراء التحقق منها.",
        "local_copy": "نسخة محلية", "retrieved": "أُرشف في", "date_note": "التاريخ",
        "no_author": "لم يُذكر اسم المؤلف", "supporting": "النص الداعم",
        "inputs_from": "مصادر البيانات", "list_number": "{n}.", "series_number": "العدد {n}",
    },
    "fa": {
        "key_judgments": "ارزیابی\u200cهای کلیدی", "summary": "خلاصهٔ مدیریتی",
        "contents": "فهرست مطالب", "notes": "یادداشت\u200cها", "sources": "منابع",
        "figure": "شکل", "table": "جدول", "source": "منبع", "sources_line": "منابع",
        "note": "یادداشت", "option": "گزینه", "advocates": "حامیان", "pros": "موافق",
        "cons": "مخالف", "risks": "خطرها", "record": "سابقه", "voices": "دیدگاه\u200cها",
        "recommendations": "توصیه\u200cها", "confidence_high": "اطمینان بالا",
        "confidence_moderate": "اطمینان متوسط", "confidence_low": "اطمینان پایین",
        "glossary_term": "اصطلاح", "glossary_native": "املای اصلی",
        "glossary_definition": "معنا", "date": "تاریخ", "event": "رویداد", "page": "صفحه",
        "page_of": "از", "changes": "تغییرات از ویرایش پیشین",
        "first_edition": "این نخستین ویرایش این گزارش است.", "quoted_in": "به نقل از",
        "computed": "محاسبه\u200cشده از ارقام مستند", "policy_brief": "گزارش سیاستی",
        "method": "روش و منابع",
        "method_intro": "هر منبع چگونه نگهداری و تاریخ\u200cگذاری شد: شواهد پشتوانهٔ "
        "یادداشت\u200cها، برای خوانندگانی که می\u200cخواهند آن\u200cها را بررسی کنند.",
        "local_copy": "نسخهٔ محلی", "retrieved": "بایگانی\u200cشده در", "date_note": "تاریخ",
        "no_author": "نام نویسنده ذکر نشده است", "supporting": "متن پشتیبان",
        "inputs_from": "منابع داده\u200cها", "list_number": "{n}.",
        "series_number": "شمارهٔ {n}",
    },
    "hi": {
        "key_judgments": "प्रमुख निष्कर्ष", "summary": "कार्यकारी सारांश",
        "contents": "विषय-सूची", "notes": "टिप्पणियाँ", "sources": "स्रोत",
        "figure": "चित्र", "table": "तालिका", "source": "स्रोत", "sources_line": "स्रोत",
        "note": "टिप्पणी", "option": "विकल्प", "advocates": "समर्थक", "pros": "पक्ष में",
        "cons": "विपक्ष में", "risks": "जोखिम", "record": "पिछला अनुभव", "voices": "विचार",
        "recommendations": "सिफ़ारिशें", "confidence_high": "उच्च विश्वास",
        "confidence_moderate": "मध्यम विश्वास", "confidence_low": "निम्न विश्वास",
        "glossary_term": "शब्द", "glossary_native": "मूल वर्तनी",
        "glossary_definition": "अर्थ", "date": "तिथि", "event": "घटना", "page": "पृष्ठ",
        "page_of": "/", "changes": "पिछले संस्करण के बाद के बदलाव",
        "first_edition": "यह इस नीति पत्र का पहला संस्करण है।",
        "quoted_in": "उद्धरण स्रोत:", "computed": "स्रोत-आधारित आँकड़ों से परिकलित",
        "policy_brief": "नीति पत्र", "method": "पद्धति और स्रोत",
        "method_intro": "हर स्रोत को कैसे सहेजा गया और उसकी तिथि कैसे तय हुई: टिप्पणियों के "
        "पीछे के साक्ष्य, उन पाठकों के लिए जो उनकी जाँच करना चाहते हैं।",
        "local_copy": "स्थानीय प्रति", "retrieved": "संग्रह तिथि", "date_note": "तिथि",
        "no_author": "लेखक का नाम नहीं दिया गया", "supporting": "समर्थक पाठ",
        "inputs_from": "आधार आँकड़े", "list_number": "{n}.", "series_number": "अंक {n}",
    },
    "ru": {
        "key_judgments": "Основные выводы", "summary": "Резюме", "contents": "Содержание",
        "notes": "Примечания", "sources": "Источники", "figure": "Рисунок",
        "table": "Таблица", "source": "Источник", "sources_line": "Источники",
        "note": "Примечание", "option": "Вариант", "advocates": "Сторонники", "pros": "За",
        "cons": "Против", "risks": "Риски", "record": "Прежний опыт", "voices": "Мнения",
        "recommendations": "Рекомендации",
        "confidence_high": "Высокая степень уверенности",
        "confidence_moderate": "Средняя степень уверенности",
        "confidence_low": "Низкая степень уверенности", "glossary_term": "Термин",
        "glossary_native": "Написание в оригинале", "glossary_definition": "Значение",
        "date": "Дата", "event": "Событие", "page": "Страница", "page_of": "из",
        "changes": "Изменения с предыдущего издания",
        "first_edition": "Это первое издание данной записки.", "quoted_in": "цит. по",
        "computed": "Рассчитано по данным из источников",
        "policy_brief": "Аналитическая записка", "method": "Методология и источники",
        "method_intro": "Как хранился и датирован каждый источник: доказательства, на которых "
        "основаны примечания, для читателей, желающих их проверить.",
        "local_copy": "Локальная копия", "retrieved": "Архивировано", "date_note": "Дата",
        "no_author": "Автор не указан", "supporting": "Подтверждающий фрагмент",
        "inputs_from": "Исходные данные", "list_number": "{n}.",
        "series_number": "№\u00a0{n}",
    },
    "zh": {
        "key_judgments": "主要判断", "summary": "执行摘要", "contents": "目录",
        "notes": "注释", "sources": "资料来源", "figure": "图", "table": "表",
        "source": "资料来源", "sources_line": "资料来源", "note": "注", "option": "方案",
        "advocates": "支持者", "pros": "支持理由", "cons": "反对理由", "risks": "风险",
        "record": "过往经验", "voices": "各方观点", "recommendations": "建议",
        "confidence_high": "高可信度", "confidence_moderate": "中等可信度",
        "confidence_low": "低可信度", "glossary_term": "术语", "glossary_native": "原文拼写",
        "glossary_definition": "释义", "date": "日期", "event": "事件", "page": "页",
        "page_of": "/", "changes": "自上一版以来的变化", "first_edition": "本简报为首版。",
        "quoted_in": "转引自", "computed": "根据有来源的数据计算", "policy_brief": "政策简报",
        "method": "方法与资料来源",
        "method_intro": "每项资料如何保存、如何确定日期：注释背后的证据，供希望核实的读者查阅。",
        "local_copy": "本地副本", "retrieved": "存档于", "date_note": "日期",
        "no_author": "未署作者", "supporting": "佐证原文", "inputs_from": "输入数据来源",
        "list_number": "{n}.", "series_number": "第{n}期",
    },
}

KEYS: tuple[str, ...] = tuple(f.name for f in fields(Labels))


def labels_for(lang: str) -> Labels:
    """Return the labels for a BCP 47 tag ('en-GB', 'fr', 'ur-PK'), English where untranslated."""
    primary = lang.split("-")[0].lower()
    return Labels(**CATALOGUE.get(primary, {}))
