/** Shared test fixture. */
// The seed article's script (VNet 10.0.0.0/8, subnet 10.100.0.0/16, kubenet cluster with
// --service-cidr 10.32.0.0/16 --dns-service-ip 10.32.0.10 --pod-cidr 10.244.0.0/16).
export const SEED = `# Create a resource group
az group create --name myResourceGroup --location eastus

# Create a virtual network and a subnet for the cluster
az network vnet create \\
    --resource-group myResourceGroup \\
    --name myAKSVnet \\
    --address-prefixes 10.0.0.0/8

az network vnet subnet create \\
    --resource-group myResourceGroup \\
    --vnet-name myAKSVnet \\
    --name myAKSSubnet \\
    --address-prefixes 10.100.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az aks create \\
    --resource-group myResourceGroup \\
    --name myAKSCluster \\
    --node-count 3 \\
    --network-plugin kubenet \\
    --service-cidr 10.32.0.0/16 \\
    --dns-service-ip 10.32.0.10 \\
    --pod-cidr 10.244.0.0/16 \\
    --vnet-subnet-id $SUBNET_ID \\
    --generate-ssh-keys
`;
