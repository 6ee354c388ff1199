// A self-signed certificate for "localhost" (EC P-256, valid until 2126), so
// that tests can provoke real TLS verification failures without any set-up.
// Generated once with:
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
//     -days 36500 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost"

export const TLS_KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgr0Yk7+hmH46T4gOi
vi8rjn3ZduwQ2trJFEaR2v9LK2mhRANCAAQW73NE4yKg2cKU3UKO66l84GZA64ON
LnfNaAlvkCb2jcXiOxUeQbIF+Ui5XjbdZE+TFWcmloQLK9kWFzhfGFDE
-----END PRIVATE KEY-----
`;

export const TLS_CERT = `
-----BEGIN CERTIFICATE-----
MIIBlDCCATugAwIBAgIUV5lA0SkmL3xbnftCdoHQEdrX53QwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjAyNDkyNVoYDzIxMjYxMDI5
MDI0OTI1WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQW73NE4yKg2cKU3UKO66l84GZA64ONLnfNaAlvkCb2jcXiOxUeQbIF
+Ui5XjbdZE+TFWcmloQLK9kWFzhfGFDEo2kwZzAdBgNVHQ4EFgQUntSkQ/YJlnEk
6ro0F+leZDoNIjQwHwYDVR0jBBgwFoAUntSkQ/YJlnEk6ro0F+leZDoNIjQwDwYD
VR0TAQH/BAUwAwEB/zAUBgNVHREEDTALgglsb2NhbGhvc3QwCgYIKoZIzj0EAwID
RwAwRAIgDHEkwCoz185KJbrHx4Hz54Ucry0aBMWy9am+0ZfbRj4CIAHG07PsSMG2
YTyvJP0JLQphAz/kWI8FGGk7Qq7+cJNA
-----END CERTIFICATE-----
`;
