# Osvi Dashboard container: a multi-stage build on Microsoft's official .NET 10 images.
#
#   docker build -t osvi-dashboard .
#   docker run -p 8080:8080 -v osvi-data:/app/data osvi-dashboard                      # demo mode (simulated data)
#   docker run -p 8080:8080 -v osvi-data:/app/data -e OsviApi__ApiToken=... osvi-dashboard   # live
#
# Configuration comes only from environment variables or secret files (key-per-file under /run/secrets, e.g. a file
# named OsviApi__ApiToken); nothing secret is baked into the image. The base images are build arguments so the same
# file can be built against a mirror (tests/docker-smoke.sh builds it against locally made images).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Osvi.Client/Osvi.Client.csproj src/Osvi.Client/
COPY src/Osvi.Simulator/Osvi.Simulator.csproj src/Osvi.Simulator/
COPY src/Osvi.Dashboard/Osvi.Dashboard.csproj src/Osvi.Dashboard/
RUN dotnet restore src/Osvi.Dashboard/Osvi.Dashboard.csproj
COPY src/ src/
COPY wwwroot/ wwwroot/
COPY appsettings.json ./
RUN dotnet publish src/Osvi.Dashboard/Osvi.Dashboard.csproj --configuration Release --no-restore --output /app /p:UseAppHost=false

FROM ${RUNTIME_IMAGE} AS final
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Dashboard__DataPath=/app/data \
    Dashboard__SecretsPath=/run/secrets \
    Dashboard__LogFormat=Json
COPY --from=build /app ./
# The official images define APP_UID (1654, user "app"): the dashboard runs as that user and owns only its data folder.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
VOLUME ["/app/data"]
EXPOSE 8080
# The runtime image has no curl: the dashboard itself asks its /healthz (exit code 0 or 1).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "/app/Osvi.Dashboard.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "/app/Osvi.Dashboard.dll"]
