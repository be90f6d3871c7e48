namespace MfaGateway.Tests.Infrastructure;

/// <summary>The checkout the tests were built from (the folder holding MfaGateway.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MfaGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("MfaGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
