#include "AwsCredentials.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTextStream>

namespace trove {
namespace {

using Section = QHash<QString, QString>;

// An INI file as the AWS tools read it: [section], key = value, # and ; comments.
QHash<QString, Section> readIni(const QString &path)
{
    QHash<QString, Section> sections;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return sections;
    QTextStream in(&file);
    QString current;
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            current = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            sections[current].insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    return sections;
}

QString fileFromEnvironment(const char *variable, const QString &fallback)
{
    const QString value = qEnvironmentVariable(variable);
    return value.isEmpty() ? QDir::homePath() + fallback : value;
}

QString firstOf(std::initializer_list<QString> values)
{
    for (const QString &v : values) {
        if (!v.isEmpty())
            return v;
    }
    return {};
}

} // namespace

AwsCredentials AwsCredentials::resolve(const QString &profile)
{
    AwsCredentials c;
    const QString name = firstOf({profile, qEnvironmentVariable("AWS_PROFILE"), QStringLiteral("default")});
    const QString credentialsPath = fileFromEnvironment("AWS_SHARED_CREDENTIALS_FILE", QStringLiteral("/.aws/credentials"));
    const QString configPath = fileFromEnvironment("AWS_CONFIG_FILE", QStringLiteral("/.aws/config"));
    const Section fromCredentials = readIni(credentialsPath).value(name);
    // The config file names profiles "profile NAME", except the default one.
    const QHash<QString, Section> config = readIni(configPath);
    const Section fromConfig = config.value(name == QLatin1String("default") ? name : QStringLiteral("profile ") + name,
                                            config.value(name));

    // The keys of one source, with where they came from for messages.
    auto take = [&c](const QString &keyId, const QString &secret, const QString &token, const QString &source, Origin origin) {
        c.accessKeyId = keyId;
        c.secretAccessKey = secret;
        c.sessionToken = token;
        c.source = source;
        c.origin = origin;
    };
    auto takeSection = [&take](const Section &section, const QString &source) {
        take(section.value(QStringLiteral("aws_access_key_id")), section.value(QStringLiteral("aws_secret_access_key")),
             section.value(QStringLiteral("aws_session_token")), source, Origin::Profile);
    };
    if (!qEnvironmentVariable("AWS_ACCESS_KEY_ID").isEmpty())
        take(qEnvironmentVariable("AWS_ACCESS_KEY_ID"), qEnvironmentVariable("AWS_SECRET_ACCESS_KEY"), qEnvironmentVariable("AWS_SESSION_TOKEN"),
             QStringLiteral("the environment (AWS_ACCESS_KEY_ID)"), Origin::Environment);
    else if (fromCredentials.contains(QStringLiteral("aws_access_key_id")))
        takeSection(fromCredentials, QStringLiteral("profile '%1' in %2").arg(name, credentialsPath));
    else if (fromConfig.contains(QStringLiteral("aws_access_key_id")))
        takeSection(fromConfig, QStringLiteral("profile '%1' in %2").arg(name, configPath));
    c.region = firstOf({qEnvironmentVariable("AWS_REGION"), qEnvironmentVariable("AWS_DEFAULT_REGION"),
                        fromConfig.value(QStringLiteral("region"))});
    c.endpointUrl = firstOf({qEnvironmentVariable("AWS_ENDPOINT_URL_S3"), qEnvironmentVariable("AWS_ENDPOINT_URL"),
                             fromConfig.value(QStringLiteral("endpoint_url"))});
    return c;
}

} // namespace trove
