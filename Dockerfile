# MFA Gateway container image.
#   docker build -t mfa-gateway .
#   docker run -p 8080:8080 -v mfa-data:/var/lib/mfa-gateway \
#     -e ReverseProxy__Clusters__app__Destinations__app__Address=http://app.internal:8080/ mfa-gateway
# The image runs config/gateway.container.json; mount your own over /etc/mfa-gateway/gateway.json
# (it is watched: edits are validated and applied without a restart). Relative paths in it
# (block lists) resolve against /app. tests/MfaGateway.Tests/Hosting/DockerImageLayoutTests.cs
# lays these files out as this Dockerfile does and starts the gateway from them: keep them in step.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/MfaGateway/MfaGateway.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY config/blocklists/ /etc/mfa-gateway/blocklists/
COPY config/gateway.container.json /etc/mfa-gateway/gateway.json

# SQLite database and Data Protection key ring. Keep this volume: losing the key ring signs every
# user out and makes the stored TOTP secrets unreadable.
RUN mkdir -p /var/lib/mfa-gateway && chown app:app /var/lib/mfa-gateway && chmod 700 /var/lib/mfa-gateway
VOLUME /var/lib/mfa-gateway

ENV MFAGATEWAY_CONFIG=/etc/mfa-gateway/gateway.json \
    Gateway__DataDirectory=/var/lib/mfa-gateway \
    ASPNETCORE_HTTP_PORTS=8080 \
    Logging__Console__FormatterName=json

USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["dotnet", "MfaGateway.dll", "health", "--url", "http://127.0.0.1:8080/.mfa/health"]
ENTRYPOINT ["dotnet", "MfaGateway.dll"]
