namespace IntegrationHub.Adapters; public static class Placeholder {}
