// The translations are complete and sound: every entry of each .ts is translated (no
// unfinished, empty or left-over entry, every plural form filled), keeps the source's
// placeholders (%1, %n) and keyboard accelerator (&), and the .ts holds every string the
// sources have now (lupdate run on a copy finds nothing new).
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString TranslationsDir = QStringLiteral(TROVE_TRANSLATIONS_DIR);

struct Message
{
    QString context;
    QString source;
    QString type; // the translation's type attribute: "unfinished", "vanished", "obsolete" or ""
    bool numerus = false;
    QStringList forms; // the translation, or each plural form
};

QList<Message> readTs(const QString &path, QString *language)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QXmlStreamReader xml(&file);
    QList<Message> messages;
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            messages.append({context, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}});
        } else if (name == QLatin1String("source")) {
            messages.last().source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            messages.last().type = xml.attributes().value(QLatin1String("type")).toString();
            if (!messages.last().numerus)
                messages.last().forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            messages.last().forms << xml.readElementText();
        }
    }
    if (xml.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return messages;
}

// %1…%99 (also %L1) and %n: what QString::arg() and tr()'s count fill in.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    found.sort();
    found.removeDuplicates();
    return found;
}

// The letter marked with & ("&File"); "&&" is a literal ampersand.
bool hasAccelerator(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("(^|[^&])&[^&\\s]"));
    return pattern.match(text).hasMatch();
}

// The plural forms a language has (QTranslator picks among this many).
int pluralForms(const QString &language)
{
    return language.startsWith(QLatin1String("zh")) ? 1 : 2;
}

// What is wrong with the entries of a .ts, one line each.
QStringList problems(const QList<Message> &messages, const QString &language)
{
    QStringList found;
    for (const Message &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty()) {
            found << QStringLiteral("%1 is %2").arg(where, m.type);
            continue;
        }
        if (m.numerus && m.forms.size() != pluralForms(language))
            found << QStringLiteral("%1 has %2 plural forms, %3 wants %4").arg(where).arg(m.forms.size()).arg(language).arg(pluralForms(language));
        for (const QString &form : m.forms) {
            QStringList wanted = placeholders(m.source);
            // One of several plural forms may say the count in words ("the other clash").
            if (m.numerus && pluralForms(language) > 1 && !placeholders(form).contains(QLatin1String("n")))
                wanted.removeAll(QStringLiteral("n"));
            if (form.trimmed().isEmpty())
                found << where + QStringLiteral(" has an empty translation");
            else if (placeholders(form) != wanted)
                found << QStringLiteral("%1: \"%2\" has placeholders %3, the source %4")
                             .arg(where, form, placeholders(form).join(QLatin1Char(',')), wanted.join(QLatin1Char(',')));
            else if (hasAccelerator(m.source) && !hasAccelerator(form))
                found << QStringLiteral("%1: \"%2\" lost the keyboard accelerator (&)").arg(where, form);
        }
    }
    return found;
}

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private slots:
    void complete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zh_TW") << QStringLiteral("trove_zh_TW.ts");
        QTest::newRow("en plurals") << QStringLiteral("trove_en.ts");
    }

    void complete()
    {
        QFETCH(QString, file);
        QString language;
        const QList<Message> messages = readTs(TranslationsDir + QLatin1Char('/') + file, &language);
        QVERIFY2(!messages.isEmpty(), qPrintable(file + QStringLiteral(" holds no message")));
        const QStringList found = problems(messages, language);
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 problems in %2:\n").arg(found.size()).arg(file) + found.join(QLatin1Char('\n'))));
    }

    // lupdate on a copy, as `update_translations` runs it: a user-visible string added to the
    // sources without a translation shows up as an unfinished entry.
    void holdsEveryStringOfTheSources_data() { complete_data(); }

    void holdsEveryStringOfTheSources()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString copy = dir.filePath(file);
        QVERIFY(QFile::copy(TranslationsDir + QLatin1Char('/') + file, copy));
        QStringList arguments{QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                              QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral(TROVE_SOURCE_DIR "/ui"),
                              QStringLiteral(TROVE_SOURCE_DIR "/app/desktop")};
        if (file == QLatin1String("trove_en.ts"))
            arguments << QStringLiteral("-pluralonly");
        arguments << QStringLiteral("-ts") << copy;
        QProcess lupdate;
        lupdate.start(QStringLiteral(TROVE_LUPDATE), arguments);
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString language;
        const QStringList found = problems(readTs(copy, &language), language);
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 is behind the sources (run the update_translations target, then translate):\n").arg(file)
                                             + found.join(QLatin1Char('\n'))));
    }

    // The checks themselves catch what they are for.
    void checksFindMistakes()
    {
        const QList<Message> bad{
            {QStringLiteral("c"), QStringLiteral("Reload"), QStringLiteral("unfinished"), false, {QString()}},
            {QStringLiteral("c"), QStringLiteral("Commit"), {}, false, {QStringLiteral(" ")}},
            {QStringLiteral("c"), QStringLiteral("Committed version %1"), {}, false, {QStringLiteral("已提交版本 %2")}},
            {QStringLiteral("c"), QStringLiteral("%n pending change(s)"), {}, true, {QStringLiteral("待提交的變更")}},
            {QStringLiteral("c"), QStringLiteral("&File"), {}, false, {QStringLiteral("檔案")}},
            {QStringLiteral("c"), QStringLiteral("%n transfer(s)"), {}, true, {QStringLiteral("%n 個傳輸"), QStringLiteral("%n 個傳輸")}},
        };
        QCOMPARE(problems(bad, QStringLiteral("zh_TW")).size(), bad.size());
        const QList<Message> good{
            {QStringLiteral("c"), QStringLiteral("%1, %2 %, %3/s"), {}, false, {QStringLiteral("%1，%2%，%3/s")}},
            {QStringLiteral("c"), QStringLiteral("Vie&w"), {}, false, {QStringLiteral("檢視(&W)")}},
            {QStringLiteral("c"), QStringLiteral("%n transfer(s)"), {}, true, {QStringLiteral("%n 個傳輸")}},
        };
        QCOMPARE(problems(good, QStringLiteral("zh_TW")), QStringList());
        const Message inWords{QStringLiteral("c"), QStringLiteral("Apply to the other %n clash(es)"), {}, true,
                              {QStringLiteral("Apply to the other clash"), QStringLiteral("Apply to all %n other clashes")}};
        QCOMPARE(problems({inWords}, QStringLiteral("en")), QStringList());
        const Message oneFormInWords{inWords.context, inWords.source, {}, true, {QStringLiteral("套用到其他衝突")}};
        QCOMPARE(problems({oneFormInWords}, QStringLiteral("zh_TW")).size(), 1); // the only form must hold the count
    }
};

QTEST_GUILESS_MAIN(TstTranslations)
#include "tst_translations.moc"
