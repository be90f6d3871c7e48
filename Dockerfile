# MFA Gateway container image.
#   docker build -t mfa-gateway .
#   docker run -p 8080:8080 -v mfa-data:/var/lib/mfa-gateway \
#     -v $PWD/config/gateway.json:/etc/mfa-gateway/gateway.json:ro mfa-gateway
# The config file is watched: edits are validated and applied without a restart.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/MfaGateway/MfaGateway.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY config/gateway.json /etc/mfa-gateway/gateway.json

# SQLite database and Data Protection key ring. Keep this volume: losing the key ring signs every
# user out and makes the stored TOTP secrets unreadable.
RUN mkdir -p /var/lib/mfa-gateway && chown app:app /var/lib/mfa-gateway
VOLUME /var/lib/mfa-gateway

ENV MFAGATEWAY_CONFIG=/etc/mfa-gateway/gateway.json \
    Gateway__DataDirectory=/var/lib/mfa-gateway \
    ASPNETCORE_HTTP_PORTS=8080 \
    Logging__Console__FormatterName=json

USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "MfaGateway.dll"]
