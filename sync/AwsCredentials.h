#pragma once

#include <QString>

namespace trove {

// What an S3 client needs to sign requests, found the way the AWS SDKs find it.
struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey; // never printed, logged or stored in settings
    QString sessionToken;
    QString region;
    QString endpointUrl;
    QString source; // where the keys came from, for messages ("environment", "profile dev in ~/.aws/credentials")
    enum class Origin { None, Environment, Profile, Keyring };
    Origin origin = Origin::None;

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }

    // Order: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN; then the profile
    // (`profile`, else AWS_PROFILE, else "default") in the shared credentials file
    // (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials), then in the config file
    // (AWS_CONFIG_FILE, else ~/.aws/config). Region: AWS_REGION, AWS_DEFAULT_REGION, the
    // profile's `region`. Endpoint: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's
    // `endpoint_url`.
    static AwsCredentials resolve(const QString &profile = {});
};

} // namespace trove
