# archdraw export: Photo sharing (medium) (Structurizr DSL)
# positions not exported: the tool lays the diagram out itself
# link ids not exported
# zone kinds not expressible: every zone is a group
workspace "Photo sharing (medium)" "A realistic mid-sized design used to check every text export against its parser." {
    model {
        properties {
            "structurizr.groupSeparator" "|"
        }
        archdraw_system = softwareSystem "Photo sharing (medium)" {
            group "Global edge" {
                dns = container "DNS" "" "DNS" "network,dns"
                cdn = container "Photo CDN" "" "CDN" "network,cdn" {
                    properties {
                        "hit_ratio" "0.95"
                    }
                }
            }
            group "EU West region" {
                group "Availability zone A" {
                    gateway = container "API gateway" "" "API gateway" "network,api_gateway" {
                        properties {
                            "rate_limit" "100"
                            "replicas" "3"
                        }
                    }
                    auth = container "Auth service" "" "Identity provider" "operations,auth"
                    upload_svc = container "Upload service" "Writes originals to object storage, then publishes photo-uploaded." "Service" "compute,service"
                    feed_svc = container "Feed service" "" "Service" "compute,service"
                    resize_worker = container "Resize worker" "" "Worker" "compute,worker"
                }
                group "Data tier" {
                    photos_db = container "Photos DB (primary)" "" "Relational database" "storage,database" {
                        properties {
                            "backups" "true"
                            "replicas" "1"
                        }
                    }
                    photos_replica = container "Photos DB (replica)" "" "Relational database" "storage,database"
                    feed_cache = container "Feed cache" "" "Cache" "storage,cache"
                    blobs = container "Originals and thumbnails" "" "Object storage" "storage,object_storage"
                    search = container "Search index" "" "Search index" "storage,search_index"
                }
                lb = container "Load balancer" "" "Load balancer" "network,load_balancer" {
                    properties {
                        "replicas" "2"
                    }
                }
                photos_queue = container "photo-uploaded queue" "" "Queue" "messaging,queue"
            }
            app = container "Mobile app" "" "Client" "client,client"
            push = container "Push notifications" "" "Notification service" "messaging,notification"
            metrics = container "Metrics and alerts" "" "Monitoring" "operations,monitoring"
        }
        app -> dns "resolve" "" "sync"
        app -> cdn "thumbnails" "" "sync"
        cdn -> blobs "cache miss" "" "sync"
        app -> lb "HTTPS API" "" "sync" {
            properties {
                "tls" "true"
            }
        }
        lb -> gateway "" "" "sync"
        gateway -> auth "verify token" "" "sync" {
            properties {
                "timeout_ms" "200"
            }
        }
        gateway -> upload_svc "POST photo" "" "sync"
        gateway -> feed_svc "GET feed" "" "sync"
        upload_svc -> blobs "store original" "" "sync" {
            properties {
                "writes" "true"
            }
        }
        upload_svc -> photos_db "insert row" "" "sync" {
            properties {
                "writes" "true"
            }
        }
        upload_svc -> photos_queue "photo-uploaded" "" "async"
        photos_queue -> resize_worker "" "" "async"
        resize_worker -> blobs "thumbnails" "" "sync" {
            properties {
                "writes" "true"
            }
        }
        photos_queue -> search "index caption" "" "async"
        photos_queue -> push "notify followers" "" "async"
        feed_svc -> feed_cache "read feed" "" "sync"
        feed_svc -> photos_replica "read rows" "" "sync"
        photos_db -> photos_replica "streaming replication" "" "replication"
        photos_db -> photos_replica "" "" "replication"
        gateway -> metrics "metrics" "" "async"
    }
    views {
        container archdraw_system "containers" {
            include *
            autolayout lr
        }
        styles {
            element "storage" {
                shape cylinder
                background #fffaeb
            }
            element "messaging" {
                shape pipe
                background #fdf2fa
            }
            element "client" {
                shape WebBrowser
                background #f2f4f7
            }
            relationship "sync" {
                dashed false
                color #475467
            }
            relationship "async" {
                dashed true
                color #c11574
            }
            relationship "replication" {
                dashed true
                color #b54708
                thickness 3
            }
        }
    }
}
